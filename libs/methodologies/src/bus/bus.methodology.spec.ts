import { busParamsV1 } from '../../../../seeds/methodologies/bus.v1.js';
import { at, describeTransitTrip, trip } from '../transit-trip.spec-support.js';
import { bus } from './bus.methodology.js';

describeTransitTrip({
  methodology: bus,
  params: busParamsV1,
  impossibleEligibility: { minSpeedKmh: 70 },
  credited: [
    ['10 km in 30 min → 10 × 26.9 = 269', trip(10_000, 30), 269n],
    ['exactly the minimum distance: 500 m → 13.45, floored to 13', trip(500, 5), 13n],
    ['exactly the maximum distance: 60 km → 60 × 26.9 = 1,614', trip(60_000, 120), 1614n],
    ['rounds down, never up (1,234 m × 26.9 = 33.19…)', trip(1234, 10), 33n],
    ['exactly the speed limit: 30 km in 30 min (60 km/h) → 807', trip(30_000, 30), 807n],
    ['exactly the minimum speed: 5 km in 60 min (5 km/h) → 134.5, floored to 134', trip(5000, 60), 134n],
  ],
  rejected: [
    ['shorter than 500 m', trip(499, 5), 'DISTANCE_TOO_SHORT'],
    ['longer than 60 km', trip(60_001, 120), 'DISTANCE_TOO_LONG'],
    ['faster than 60 km/h', trip(30_001, 30), 'SPEED_IMPLAUSIBLE'],
    ['slower than 5 km/h', trip(4999, 60), 'SPEED_TOO_LOW'],
  ],
  extraField: { ...trip(5000, 20), carbon: 9999 },
  missingField: { distanceM: 5000, startedAt: at(0) },
});
