import { metroParamsV1 } from '../../../../seeds/methodologies/metro.v1.js';
import { at, describeTransitTrip, trip } from '../transit-trip.spec-support.js';
import { metro } from './metro.methodology.js';

describeTransitTrip({
  methodology: metro,
  params: metroParamsV1,
  impossibleEligibility: { minDistanceM: 90_000 },
  credited: [
    ['10 km in 20 min → 10 × 46.7 = 467', trip(10_000, 20), 467n],
    ['exactly the minimum distance: 1 km → 46.7, floored to 46', trip(1000, 3), 46n],
    ['exactly the maximum distance: 80 km → 80 × 46.7 = 3,736', trip(80_000, 120), 3736n],
    ['rounds down, never up (1,234 m × 46.7 = 57.62…)', trip(1234, 5), 57n],
    ['exactly the speed limit: 40 km in 30 min (80 km/h) → 1,868', trip(40_000, 30), 1868n],
    ['exactly the minimum speed: 10 km in 60 min (10 km/h) → 467', trip(10_000, 60), 467n],
  ],
  rejected: [
    ['shorter than 1 km', trip(999, 3), 'DISTANCE_TOO_SHORT'],
    ['longer than 80 km', trip(80_001, 120), 'DISTANCE_TOO_LONG'],
    ['faster than 80 km/h', trip(40_001, 30), 'SPEED_IMPLAUSIBLE'],
    ['slower than 10 km/h', trip(9999, 60), 'SPEED_TOO_LOW'],
  ],
  extraField: { ...trip(5000, 20), line: '1号线' },
  missingField: { distanceM: 5000, endedAt: at(20) },
});
