import {
  compareDecimals,
  formatDecimal,
  multiplyDecimals,
  parseDecimal,
  subtractDecimals,
} from '@app/domain';
import { z } from 'zod';
import { capsSchema, factorStep, selfReportedSchema } from '../common-params.js';
import { factorInUnitSchema, gridFactorSchema, positiveDecimalSchema } from '../energy-common.js';
import type { Methodology, QuantifyResult } from '../methodology.js';
import {
  checkTrip,
  distanceReduction,
  transitTripInputSchema,
  tripEligibilitySchema,
  tripShape,
  type TransitTripInput,
} from '../transit-trip.js';

/** A new-energy car trip: distance and times, from a vehicle or charging platform. */
export const nevTripInputSchema = transitTripInputSchema;
export type NevTripInput = TransitTripInput;

const perKm = factorInUnitSchema('gCO2/km');

export const nevTripParamsSchema = z
  .object({
    /** The fuel car the trip would otherwise have been made in, per vehicle-km. */
    baseline: perKm,
    project: z
      .object({
        /** Electricity from the charger per km (charging losses included). */
        kWhPerKm: z.object({ value: positiveDecimalSchema, source: z.string().min(1) }).strict(),
        gridFactor: gridFactorSchema,
      })
      .strict(),
    /** A published net factor that the computed one may not exceed (conservativeness), or null. */
    ceiling: perKm.nullable(),
    eligibility: tripEligibilitySchema,
    caps: capsSchema,
    selfReported: selfReportedSchema,
  })
  .strict();
export type NevTripParams = z.infer<typeof nevTripParamsSchema>;

const ZERO = parseDecimal('0');

/**
 * 新能源车出行: ER = d × min(EF_fuel car − kWh/km × EF_grid × 1000, ceiling), per vehicle-km, floored to
 * whole grams and never negative. The ceiling is a peer's published net factor where the computed
 * one rests on derived inputs.
 */
export const nevTrip: Methodology<NevTripInput, NevTripParams> = {
  id: 'nev-trip',
  version: 1,
  title: '新能源车出行 (new-energy private car trip)',
  paramsSchema: nevTripParamsSchema,
  ...tripShape,

  quantify(input, params): QuantifyResult {
    const refused = checkTrip(input, params.eligibility, 'a car');
    if (refused) return refused;

    const baseline = parseDecimal(params.baseline.value);
    const { kWhPerKm, gridFactor } = params.project;
    const project = multiplyDecimals(
      multiplyDecimals(parseDecimal(kWhPerKm.value), parseDecimal(gridFactor.value)),
      parseDecimal('1000'),
    );
    const computed = compareDecimals(baseline, project) > 0 ? subtractDecimals(baseline, project) : ZERO;
    const ceiling = params.ceiling && parseDecimal(params.ceiling.value);
    const capped = ceiling !== null && compareDecimals(computed, ceiling) > 0;
    const net = capped ? ceiling : computed;
    return {
      ok: true,
      ...distanceReduction(input.distanceM, net, [
        factorStep('baseline', params.baseline),
        { step: 'project.energy', value: kWhPerKm.value, unit: 'kWh/km', source: kWhPerKm.source },
        factorStep('project.grid', gridFactor),
        {
          step: 'factor.computed',
          value: formatDecimal(computed),
          unit: 'gCO2/km',
          note: 'max(0, baseline − kWh/km × grid × 1000)',
        },
        ...(params.ceiling
          ? [{ ...factorStep('factor.ceiling', params.ceiling), note: capped ? 'applied' : 'not reached' }]
          : []),
      ]),
    };
  },
};
