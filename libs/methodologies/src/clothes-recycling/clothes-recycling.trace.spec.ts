import { clothesRecyclingParamsV1 as params } from '../../../../seeds/methodologies/clothes-recycling.v1.js';
import { clothesRecycling } from './clothes-recycling.methodology.js';

// Golden cases for the trace, as docs/methodologies.md §Old-clothes recycling states it:
//   grams = floor(weightG × 3.6); 0.5–50 kg per drop-off.
const dropOff = (weightG: number) =>
  clothesRecycling.inputSchema.parse({ weightG, droppedAt: '2025-03-02T10:00:00+08:00', receiptId: 'tk-88' });

describe('clothes-recycling@1 trace (golden cases)', () => {
  it('traces the documented example: a 5 kg bag → 5,000 × 3.6 = 18,000 g', () => {
    expect(clothesRecycling.quantify(dropOff(5_000), params)).toEqual({
      ok: true,
      grams: 18_000n,
      trace: [
        { step: 'weight', value: '5000', unit: 'g' },
        { step: 'factor', value: '3.6', unit: 'kgCO2e/kg', source: `${params.factor.source} (2008)` },
        { step: 'reduction', value: '18000', unit: 'gCO2e', note: 'floor(5000 g × 3.6)' },
      ],
    });
  });

  it.each([
    [500, 1_800n],
    [50_000, 180_000n],
    [777, 2_797n], // 2,797.2, floored
  ])('credits %i g at 3.6 g per g', (weightG, grams) => {
    expect(clothesRecycling.quantify(dropOff(weightG), params)).toMatchObject({ ok: true, grams });
  });

  it.each([
    [
      499,
      {
        reason: 'WEIGHT_TOO_LOW',
        message: 'a drop-off must weigh at least 500 g',
        details: { minWeightG: 500, weightG: 499 },
      },
    ],
    [
      50_001,
      {
        reason: 'WEIGHT_TOO_HIGH',
        message: 'a drop-off may weigh at most 50000 g',
        details: { maxWeightG: 50_000, weightG: 50_001 },
      },
    ],
  ])('explains the refusal of %i g', (weightG, refusal) => {
    expect(clothesRecycling.quantify(dropOff(weightG), params)).toEqual({ ok: false, ...refusal });
  });

  it('is dated when dropped and identified by its receipt, whatever the case', () => {
    const input = dropOff(5_000);
    expect(clothesRecycling.occurredAt(input).toISOString()).toBe('2025-03-02T02:00:00.000Z');
    expect(clothesRecycling.interval(input)).toBeNull();
    expect(clothesRecycling.fingerprint(input)).toBe('clothes-recycling/TK-88');
  });
});
