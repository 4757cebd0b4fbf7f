import { walkingParamsV1 } from '../../../../seeds/methodologies/walking.v1.js';
import { walking, walkingParamsSchema } from './walking.methodology.js';

const day = (steps: number, date = '2025-06-01') => ({ date, steps });

describe('walking@1 with the seeded v1 parameters', () => {
  it('has parameters that satisfy its own schema', () => {
    expect(walkingParamsSchema.safeParse(walkingParamsV1).success).toBe(true);
  });

  const credited: [string, ReturnType<typeof day>, bigint][] = [
    ['the 碳碳星球 example: 7,250 steps × 0.02 = 145', day(7250), 145n],
    ['rounds down, never up (149 steps × 0.02 = 2.98)', day(149), 2n],
    ['a single step is worth 0.02 g, floored to 0', day(1), 0n],
    ['exactly the counted maximum: 30,000 × 0.02 = 600', day(30_000), 600n],
    ['one step over the maximum: 30,000 counted → 600', day(30_001), 600n],
    ['far over the maximum: 100,000 steps, 30,000 counted → 600', day(100_000), 600n],
  ];
  it.each(credited)('%s', (_name, raw, grams) => {
    const input = walking.inputSchema.parse(raw);
    const result = walking.quantify(input, walkingParamsV1);
    expect(result).toMatchObject({ ok: true, grams });
    if (result.ok) expect(result.trace.at(-1)).toMatchObject({ step: 'reduction', value: grams.toString() });
  });

  it('records in the trace how many steps were counted and that the rest were not credited', () => {
    const capped = walking.quantify(walking.inputSchema.parse(day(31_234)), walkingParamsV1);
    expect(capped.ok && capped.trace).toEqual(
      expect.arrayContaining([
        { step: 'steps', value: '31234', unit: 'steps', note: 'counted on 2025-06-01' },
        {
          step: 'steps.counted',
          value: '30000',
          unit: 'steps',
          note: 'at most 30000 steps a day are counted; 1234 not credited',
        },
      ]),
    );
    const uncapped = walking.quantify(walking.inputSchema.parse(day(7250)), walkingParamsV1);
    expect(uncapped.ok && uncapped.trace[1]).toEqual({ step: 'steps.counted', value: '7250', unit: 'steps' });
  });

  it('rejects a day with no steps', () => {
    const result = walking.quantify(walking.inputSchema.parse(day(0)), walkingParamsV1);
    expect(result).toMatchObject({ ok: false, reason: 'NO_STEPS' });
  });

  it.each([
    ['negative steps', day(-1)],
    ['fractional steps', day(100.5)],
    ['an absurd step count', day(5_000_000)],
    ['steps as a string', { date: '2025-06-01', steps: '7250' }],
    ['a date that does not exist', day(7250, '2025-02-30')],
    ['a date with a time', day(7250, '2025-06-01T00:00:00+08:00')],
    ['a date without leading zeros', day(7250, '2025-6-1')],
    ['an extra field', { ...day(7250), distanceM: 5000 }],
    ['a missing date', { steps: 7250 }],
    ['missing steps', { date: '2025-06-01' }],
  ])('refuses input with %s', (_name, raw) => {
    expect(walking.inputSchema.safeParse(raw).success).toBe(false);
  });

  it('selects versions by the start of the local day and is credited once per day', () => {
    const input = walking.inputSchema.parse(day(7250, '2025-06-01'));
    expect(walking.occurredAt(input).toISOString()).toBe('2025-05-31T16:00:00.000Z');
    expect(walking.interval(input)).toBeNull();
    expect(walking.fingerprint(input)).toBe('walking/2025-06-01');
  });

  it('accepts 29 February only in a leap year', () => {
    expect(walking.inputSchema.safeParse(day(10, '2024-02-29')).success).toBe(true);
    expect(walking.inputSchema.safeParse(day(10, '2025-02-29')).success).toBe(false);
  });
});
