import { floorMultiply, formatDecimal } from '@app/domain';
import type { Methodology, QuantifyResult } from './methodology.js';
import {
  netFactorOf,
  transitComponentParamsSchema,
  type TransitComponentParams,
} from './transit-components.js';
import { checkDistance, checkSpeed, transitTripInputSchema, type TransitTripInput } from './transit-trip.js';

/**
 * Public transport, module version 2: ER = d × (EF_baseline − EF_project), the net factor computed
 * from its components (baseline mode mix; project traction energy × a grid factor from the factor
 * table, and fuels), so a version for another grid or mode mix is a data change. The input is the
 * same as version 1's; version 1 stays for what it settled.
 */
export function transitTripMethodologyV2(
  id: string,
  title: string,
  what: string,
): Methodology<TransitTripInput, TransitComponentParams> {
  return {
    id,
    version: 2,
    title,
    inputSchema: transitTripInputSchema,
    paramsSchema: transitComponentParamsSchema,
    occurredAt: (input) => input.startedAt,
    interval: (input) => ({ start: input.startedAt, end: input.endedAt }),
    fingerprint: () => null,
    quantify(input, params): QuantifyResult {
      const { minDistanceM, maxDistanceM, minSpeedKmh, maxSpeedKmh } = params.eligibility;
      const refused =
        checkDistance(input.distanceM, minDistanceM, maxDistanceM) ??
        checkSpeed(input, minSpeedKmh, maxSpeedKmh, what);
      if (refused) return refused;
      const { net, trace } = netFactorOf(params.components);
      const grams = floorMultiply(BigInt(input.distanceM), net, 1000n);
      return {
        ok: true,
        grams,
        trace: [
          { step: 'distance', value: String(input.distanceM), unit: 'm' },
          ...trace,
          {
            step: 'reduction',
            value: grams.toString(),
            unit: 'gCO2e',
            note: `floor(${input.distanceM} m / 1000 × ${formatDecimal(net)})`,
          },
        ],
      };
    },
  };
}
