import { walkingParamsV1 as params } from '../../../../seeds/methodologies/walking.v1.js';
import { walking } from './walking.methodology.js';

// Golden cases for the trace, as docs/methodologies.md §Walking states it:
//   grams = floor(min(steps, 30,000) × 0.02)
const day = (steps: number) => walking.inputSchema.parse({ date: '2025-06-01', steps });
const factorLine = {
  step: 'factor',
  value: '0.02',
  unit: 'gCO2e/step',
  source: `${params.factor.source} (2021)`,
};

describe('walking@1 trace (golden cases)', () => {
  it('traces the documented example: 10,000 steps → 200 g', () => {
    expect(walking.quantify(day(10_000), params)).toEqual({
      ok: true,
      grams: 200n,
      trace: [
        { step: 'steps', value: '10000', unit: 'steps', note: 'counted on 2025-06-01' },
        { step: 'steps.counted', value: '10000', unit: 'steps' },
        factorLine,
        { step: 'reduction', value: '200', unit: 'gCO2e', note: 'floor(10000 steps × 0.02)' },
      ],
    });
  });

  it('counts at most 30,000 steps and says how many were not credited: 31,234 → 600 g', () => {
    expect(walking.quantify(day(31_234), params)).toEqual({
      ok: true,
      grams: 600n,
      trace: [
        { step: 'steps', value: '31234', unit: 'steps', note: 'counted on 2025-06-01' },
        {
          step: 'steps.counted',
          value: '30000',
          unit: 'steps',
          note: 'at most 30000 steps a day are counted; 1234 not credited',
        },
        factorLine,
        { step: 'reduction', value: '600', unit: 'gCO2e', note: 'floor(30000 steps × 0.02)' },
      ],
    });
  });

  it('counts exactly 30,000 steps without a note', () => {
    const result = walking.quantify(day(30_000), params);
    expect(result.ok && result.trace[1]).toEqual({ step: 'steps.counted', value: '30000', unit: 'steps' });
  });

  it('floors: 49 steps × 0.02 = 0.98 → 0 g; 1 step → 0 g', () => {
    expect(walking.quantify(day(49), params)).toMatchObject({ ok: true, grams: 0n });
    expect(walking.quantify(day(1), params)).toMatchObject({ ok: true, grams: 0n });
  });

  it('explains a day with no steps', () => {
    expect(walking.quantify(day(0), params)).toEqual({
      ok: false,
      reason: 'NO_STEPS',
      message: 'a day with no steps earns nothing',
      details: { date: '2025-06-01', steps: 0 },
    });
  });
});
