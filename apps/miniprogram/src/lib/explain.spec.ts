import { describe, expect, it } from '@jest/globals';
import { explainAction } from './explain';

const base = {
  id: '00000000-0000-0000-0000-000000000001',
  methodologyVersion: 1,
  occurredAt: '2026-11-20T00:00:00Z',
  capApplied: null,
  campaign: null,
};

describe('explainAction says in Chinese how the grams were reached', () => {
  it('a cycling trip: distance × factor = grams, with the factor’s source', () => {
    const lines = explainAction({
      ...base,
      methodology: 'cycling',
      requestedGrams: '169',
      creditedGrams: '169',
      trace: [
        { step: 'distance', value: '5000', unit: 'm' },
        { step: 'factor.bike', value: '33.88', unit: 'gCO2e/pkm', source: '济南市碳普惠方法学 (2024)' },
        { step: 'reduction', value: '169', unit: 'gCO2e' },
      ],
    });
    expect(lines).toEqual(['5 公里骑行 × 33.88 克/公里 = 169 克', '因子来源：济南市碳普惠方法学 (2024)']);
  });

  it('a capped campaign walk', () => {
    const lines = explainAction({
      ...base,
      methodology: 'walking',
      requestedGrams: '1200',
      creditedGrams: '1000',
      capApplied: 'perDay',
      campaign: { name: '全国低碳日', multiplier: '2.000' },
      trace: [
        { step: 'steps', value: '30000', unit: 'steps' },
        { step: 'steps.counted', value: '30000', unit: 'steps' },
        { step: 'factor', value: '0.04', unit: 'gCO2e/step' },
        { step: 'reduction', value: '1200', unit: 'gCO2e' },
      ],
    });
    expect(lines).toEqual([
      '30,000 步 × 0.04 克/步 = 1.2 千克',
      '超过每日计入上限，实际计入 1 千克',
      '活动「全国低碳日」积分 × 2.000',
    ]);
  });

  it('names the methodology version when the formula has more than two terms', () => {
    const lines = explainAction({
      ...base,
      methodology: 'carpool',
      requestedGrams: '420',
      creditedGrams: '420',
      trace: [
        { step: 'distance', value: '10000', unit: 'm' },
        { step: 'detour', value: '500', unit: 'm' },
        { step: 'reduction', value: '420', unit: 'gCO2e' },
      ],
    });
    expect(lines[0]).toBe('按「拼车出行」方法学第 1 版核算：420 克');
  });
});
