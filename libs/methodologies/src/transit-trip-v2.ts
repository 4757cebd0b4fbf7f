import type { Methodology, QuantifyResult } from './methodology.js';
import {
  netFactorOf,
  transitComponentParamsSchema,
  type TransitComponentParams,
} from './transit-components.js';
import { checkTrip, distanceReduction, tripShape, type TransitTripInput } from './transit-trip.js';

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
    paramsSchema: transitComponentParamsSchema,
    ...tripShape,
    quantify(input, params): QuantifyResult {
      const refused = checkTrip(input, params.eligibility, what);
      if (refused) return refused;
      const { net, trace } = netFactorOf(params.components);
      return { ok: true, ...distanceReduction(input.distanceM, net, trace) };
    },
  };
}
