import {
  transitTripInputSchema,
  transitTripMethodology,
  transitTripParamsSchema,
  type TransitTripInput,
  type TransitTripParams,
} from '../transit-trip.js';

export const metroInputSchema = transitTripInputSchema;
export type MetroInput = TransitTripInput;
export const metroParamsSchema = transitTripParamsSchema;
export type MetroParams = TransitTripParams;

/** 低碳出行 · 地铁: distance × the metro's net reduction factor per passenger-km. */
export const metro = transitTripMethodology('metro', '低碳出行 · 地铁 (metro)', 'a metro ride');
