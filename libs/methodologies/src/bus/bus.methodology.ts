import { transitTripMethodologyV2 } from '../transit-trip-v2.js';
import {
  transitTripInputSchema,
  transitTripMethodology,
  transitTripParamsSchema,
  type TransitTripInput,
  type TransitTripParams,
} from '../transit-trip.js';

export const busInputSchema = transitTripInputSchema;
export type BusInput = TransitTripInput;
export const busParamsSchema = transitTripParamsSchema;
export type BusParams = TransitTripParams;

/** 低碳出行 · 公交: distance × the bus's net reduction factor per passenger-km. */
export const bus = transitTripMethodology('bus', '低碳出行 · 公交 (bus)', 'a bus');

/** 低碳出行 · 公交, module 2: the net factor from its components (baseline mix, traction, grid). */
export const busV2 = transitTripMethodologyV2('bus', '低碳出行 · 公交 (bus, by components)', 'a bus');
