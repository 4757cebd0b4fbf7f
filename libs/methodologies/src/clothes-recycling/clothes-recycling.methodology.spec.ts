import { emissionFactorMap } from '../../../../seeds/emission-factors.js';
import { clothesRecyclingV1 } from '../../../../seeds/methodologies/clothes-recycling.v1.js';
import { factorRefsIn, resolveFactorRefs } from '../factor-refs.js';
import { clothesRecycling, clothesRecyclingParamsSchema } from './clothes-recycling.methodology.js';

const params = clothesRecyclingParamsSchema.parse(
  resolveFactorRefs(clothesRecyclingV1.params, emissionFactorMap()),
);

const dropOff = (weightG: number) => ({
  weightG,
  droppedAt: '2024-05-18T10:30:00+08:00',
  receiptId: 'THXW-20240518-0007',
});

describe('clothes-recycling@1 with the seeded v1 parameters', () => {
  it('has the BIR factor, the per-drop-off range and a 30 kg monthly cap in grams', () => {
    expect(factorRefsIn(clothesRecyclingV1.params)).toEqual([]);
    expect(params).toMatchObject({
      factor: { value: '3.6', unit: 'kgCO2e/kg', vintage: 2008 },
      eligibility: { minWeightG: 500, maxWeightG: 50_000 },
      // floor(30,000 g × 3.6) = 108,000 g
      caps: { perActionG: null, perDayG: null, perMonthG: 108_000 },
      selfReported: { accepted: true, review: true, perDayCapG: null },
    });
    expect(clothesRecyclingV1).toMatchObject({
      methodologyId: clothesRecycling.id,
      moduleVersion: clothesRecycling.version,
    });
  });

  const credited: [string, number, bigint][] = [
    ['a typical bag: 2 kg × 3.6 → 7,200 g', 2_000, 7_200n],
    ['exactly the minimum: 0.5 kg × 3.6 → 1,800 g', 500, 1_800n],
    ['exactly the maximum: 50 kg × 3.6 → 180,000 g (the monthly cap applies later)', 50_000, 180_000n],
    ['rounds down, never up: 1,234 g × 3.6 = 4,442.4 → 4,442 g', 1_234, 4_442n],
    ['30 kg, the monthly allowance: 30,000 g × 3.6 → 108,000 g', 30_000, 108_000n],
  ];
  it.each(credited)('%s', (_name, weightG, grams) => {
    const input = clothesRecycling.inputSchema.parse(dropOff(weightG));
    const result = clothesRecycling.quantify(input, params);
    expect(result).toMatchObject({ ok: true, grams });
    if (result.ok) expect(result.trace.at(-1)).toMatchObject({ step: 'reduction', value: grams.toString() });
  });

  const rejected: [string, number, string][] = [
    ['lighter than 0.5 kg (499 g)', 499, 'WEIGHT_TOO_LOW'],
    ['heavier than 50 kg (50,001 g)', 50_001, 'WEIGHT_TOO_HIGH'],
  ];
  it.each(rejected)('rejects a drop-off %s', (_name, weightG, reason) => {
    const result = clothesRecycling.quantify(clothesRecycling.inputSchema.parse(dropOff(weightG)), params);
    expect(result).toMatchObject({ ok: false, reason });
  });

  it.each([
    ['a fractional weight', dropOff(1000.5)],
    ['a weight as a string', { ...dropOff(1000), weightG: '1000' }],
    ['a zero weight', dropOff(0)],
    ['a negative weight', dropOff(-1000)],
    ['an absurd weight', dropOff(1_000_001)],
    ['a time without offset', { ...dropOff(1000), droppedAt: '2024-05-18T10:30:00' }],
    ['a date only', { ...dropOff(1000), droppedAt: '2024-05-18' }],
    ['an empty receipt', { ...dropOff(1000), receiptId: '' }],
    ['a receipt with a slash', { ...dropOff(1000), receiptId: 'A/1' }],
    ['a receipt too long', { ...dropOff(1000), receiptId: 'R'.repeat(65) }],
    ['an extra field', { ...dropOff(1000), grams: 9999 }],
    ['a missing field', { weightG: 1000, droppedAt: '2024-05-18T10:30:00+08:00' }],
  ])('refuses input with %s', (_name, raw) => {
    expect(clothesRecycling.inputSchema.safeParse(raw).success).toBe(false);
  });

  it('refuses a factor that is not per kg', () => {
    const perTonne = { ...params, factor: { ...params.factor, value: '3600', unit: 'kgCO2e/t' } };
    expect(clothesRecyclingParamsSchema.safeParse(perTonne).success).toBe(false);
  });

  it('selects versions by the drop-off time and identifies the receipt', () => {
    const input = clothesRecycling.inputSchema.parse({ ...dropOff(1000), receiptId: 'thxw-20240518-0007' });
    expect(clothesRecycling.occurredAt(input).toISOString()).toBe('2024-05-18T02:30:00.000Z');
    expect(clothesRecycling.interval(input)).toBeNull();
    expect(clothesRecycling.fingerprint(input)).toBe('clothes-recycling/THXW-20240518-0007');
  });
});
