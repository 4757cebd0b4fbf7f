import {
  compareDecimals,
  floorMultiply,
  formatDecimal,
  multiplyDecimals,
  parseDecimal,
  subtractDecimals,
  ErrorCode,
} from '@app/domain';
import { z } from 'zod';
import { factorStep } from '../common-params.js';
import { reject, type Methodology, type QuantifyResult } from '../methodology.js';
import {
  daysInclusive,
  gridParamsSchema,
  identifierSchema,
  kwhSchema,
  meteredDeviceShape,
  kwSchema,
  meteringPeriodSchema,
  positiveDecimalSchema,
  refineMeteringPeriod,
} from '../energy-common.js';

export const rooftopPvInputSchema = meteringPeriodSchema
  .extend({
    /** Generation meter or inverter serial: identifies the installation. */
    meterSerial: identifierSchema,
    meteredKWh: kwhSchema,
    /** kWh of the period already issued green certificates (绿证): credited there, not here. */
    greenCertifiedKWh: kwhSchema.default('0'),
    installedKW: kwSchema,
  })
  .strict()
  .superRefine(refineMeteringPeriod);
export type RooftopPvInput = z.infer<typeof rooftopPvInputSchema>;

export const rooftopPvParamsSchema = gridParamsSchema({
  eligibility: z
    .object({
      /** Largest installation credited as a household or small-business scene, in kW. */
      maxInstalledKW: positiveDecimalSchema,
      /** Generation bound: kWh ≤ installed kW × days × this many full-sun hours a day. */
      maxPeakSunHoursPerDay: positiveDecimalSchema,
    })
    .strict(),
});
export type RooftopPvParams = z.infer<typeof rooftopPvParamsSchema>;

/** ER = (metered kWh − green-certified kWh) × grid factor (kgCO2/kWh) × 1000, floored to whole grams. */
export const rooftopPv: Methodology<RooftopPvInput, RooftopPvParams> = {
  id: 'rooftop-pv',
  version: 1,
  title: '屋顶分布式光伏 (rooftop distributed PV)',
  inputSchema: rooftopPvInputSchema,
  paramsSchema: rooftopPvParamsSchema,
  ...meteredDeviceShape<RooftopPvInput>('rooftop-pv', (input) => input.meterSerial),

  quantify(input, params): QuantifyResult {
    const { maxInstalledKW, maxPeakSunHoursPerDay } = params.eligibility;
    const installed = parseDecimal(input.installedKW);
    if (compareDecimals(installed, parseDecimal(maxInstalledKW)) > 0) {
      return reject(ErrorCode.CapacityTooLarge, `an installation may be at most ${maxInstalledKW} kW`, {
        maxInstalledKW,
        installedKW: input.installedKW,
      });
    }

    const days = daysInclusive(input.periodStart, input.periodEnd);
    const metered = parseDecimal(input.meteredKWh);
    const maxKWh = multiplyDecimals(
      multiplyDecimals(installed, parseDecimal(maxPeakSunHoursPerDay)),
      parseDecimal(String(days)),
    );
    if (compareDecimals(metered, maxKWh) > 0) {
      return reject(
        ErrorCode.GenerationImplausible,
        `${input.meteredKWh} kWh is more than ${input.installedKW} kW can make in ${days} days at ${maxPeakSunHoursPerDay} h a day`,
        { meteredKWh: input.meteredKWh, maxKWh: formatDecimal(maxKWh), installedKW: input.installedKW, days },
      );
    }

    const certified = parseDecimal(input.greenCertifiedKWh);
    if (compareDecimals(certified, metered) > 0) {
      return reject(ErrorCode.CertifiedExceedsMetered, 'green-certified kWh exceed the metered generation', {
        meteredKWh: input.meteredKWh,
        greenCertifiedKWh: input.greenCertifiedKWh,
      });
    }

    const net = subtractDecimals(metered, certified);
    const factor = params.gridFactor;
    const grams = floorMultiply(1000n, multiplyDecimals(net, parseDecimal(factor.value)));
    return {
      ok: true,
      grams,
      trace: [
        { step: 'period', value: `${input.periodStart}/${input.periodEnd}`, note: `${days} days, inclusive` },
        { step: 'generation.metered', value: input.meteredKWh, unit: 'kWh' },
        { step: 'generation.greenCertified', value: input.greenCertifiedKWh, unit: 'kWh' },
        {
          step: 'generation.credited',
          value: formatDecimal(net),
          unit: 'kWh',
          note: 'metered − green-certified',
        },
        factorStep('factor.grid', factor),
        {
          step: 'reduction',
          value: grams.toString(),
          unit: 'gCO2e',
          note: `floor(${formatDecimal(net)} kWh × ${factor.value} kg/kWh × 1000)`,
        },
      ],
    };
  },
};
