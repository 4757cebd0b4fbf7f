import { emissionFactorMap } from '../../../../seeds/emission-factors.js';
import { rooftopPvV1 } from '../../../../seeds/methodologies/rooftop-pv.v1.js';
import { resolveFactorRefs } from '../factor-refs.js';
import { rooftopPv, rooftopPvParamsSchema, type RooftopPvParams } from './rooftop-pv.methodology.js';

// Golden cases for the trace, as docs/methodologies.md §Rooftop distributed PV states it:
//   grams = floor((meteredKWh − greenCertifiedKWh) × gridFactor × 1000), grid 华北 2023 0.6361;
//   installed ≤ 1,000 kW; generation ≤ installed kW × days × 7 h.
const params: RooftopPvParams = rooftopPvParamsSchema.parse(
  resolveFactorRefs(rooftopPvV1.params, emissionFactorMap()),
);
const reading = (meteredKWh: string, greenCertifiedKWh: string, installedKW = '10') =>
  rooftopPv.inputSchema.parse({
    meterSerial: 'PV-QD-0001',
    periodStart: '2025-07-01',
    periodEnd: '2025-07-31',
    meteredKWh,
    greenCertifiedKWh,
    installedKW,
  });

describe('rooftop-pv@1 trace (golden cases)', () => {
  it('traces a month of a 10 kW roof, 1,100 kWh metered, 100 kWh certified: 1,000 × 636.1 → 636,100 g', () => {
    expect(rooftopPv.quantify(reading('1100', '100'), params)).toEqual({
      ok: true,
      grams: 636_100n,
      trace: [
        { step: 'period', value: '2025-07-01/2025-07-31', note: '31 days, inclusive' },
        { step: 'generation.metered', value: '1100', unit: 'kWh' },
        { step: 'generation.greenCertified', value: '100', unit: 'kWh' },
        { step: 'generation.credited', value: '1000', unit: 'kWh', note: 'metered − green-certified' },
        {
          step: 'factor.grid',
          value: '0.6361',
          unit: 'kgCO2/kWh',
          source: `${params.gridFactor.source} (2023)`,
        },
        { step: 'reduction', value: '636100', unit: 'gCO2e', note: 'floor(1000 kWh × 0.6361 kg/kWh × 1000)' },
      ],
    });
  });

  it('credits the documented example, none certified: 1,100 × 636.1 = 699,710 g', () => {
    expect(rooftopPv.quantify(reading('1100', '0'), params)).toMatchObject({ ok: true, grams: 699_710n });
  });

  it('credits everything certified at 0 g, and exactly the bounds', () => {
    expect(rooftopPv.quantify(reading('1100', '1100'), params)).toMatchObject({ ok: true, grams: 0n });
    // 10 kW × 7 h × 31 days = 2,170 kWh; 1,000 kW is the scene limit
    expect(rooftopPv.quantify(reading('2170', '0'), params)).toMatchObject({ ok: true, grams: 1_380_337n });
    expect(rooftopPv.quantify(reading('1100', '0', '1000'), params)).toMatchObject({ ok: true });
  });

  it.each([
    [
      'an installation over 1 MW',
      reading('1100', '0', '1000.001'),
      {
        reason: 'CAPACITY_TOO_LARGE',
        message: 'an installation may be at most 1000 kW',
        details: { maxInstalledKW: '1000', installedKW: '1000.001' },
      },
    ],
    [
      'more than 10 kW × 7 h × 31 days',
      reading('2170.001', '0'),
      {
        reason: 'GENERATION_IMPLAUSIBLE',
        message: '2170.001 kWh is more than 10 kW can make in 31 days at 7 h a day',
        details: { meteredKWh: '2170.001', maxKWh: '2170', installedKW: '10', days: 31 },
      },
    ],
    [
      'more certified than metered',
      reading('1100', '1100.001'),
      {
        reason: 'CERTIFIED_EXCEEDS_METERED',
        message: 'green-certified kWh exceed the metered generation',
        details: { meteredKWh: '1100', greenCertifiedKWh: '1100.001' },
      },
    ],
  ])('explains the refusal of %s', (_name, input, refusal) => {
    expect(rooftopPv.quantify(input, params)).toEqual({ ok: false, ...refusal });
  });
});
