import { transitTripMethodologyV2 } from '../transit-trip-v2.js';
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

/** 低碳出行 · 地铁, module 2: the net factor from its components (baseline mix, traction, grid). */
export const metroV2 = transitTripMethodologyV2(
  'metro',
  '低碳出行 · 地铁 (metro, by components)',
  'a metro ride',
);
