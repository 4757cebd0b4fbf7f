import { factorRef, type FactorRef } from '@app/methodologies';
import type { NevTripParams } from '../../libs/methodologies/src/nev-trip/nev-trip.methodology.js';
import type { MethodologyVersionSeed } from '../seed-types.js';

type Stored = Omit<NevTripParams, 'project'> & {
  project: Omit<NevTripParams['project'], 'gridFactor'> & { gridFactor: FactorRef };
};

/**
 * nev-trip v1. Computed on the 华北 grid: 138 − 0.165 × 636.1 = 33.0435 g/km; the 武碳江湖 figure
 * (168 g for 24 km = 7 g/km) is lower, so it is the ceiling and the credited factor (conservative).
 */
export const nevTripParamsV1: Stored = {
  baseline: {
    value: '138',
    unit: 'gCO2/km',
    source:
      '[D] a petrol car of 6.0 L/100 km (low end of conventional passenger cars, taken low for conservativeness) × 2.30 kgCO2/L (IPCC 2006 default 69.3 tCO2/TJ × 33.2 MJ/L)',
    vintage: 2026,
  },
  project: {
    kWhPerKm: {
      value: '0.165',
      source:
        '[D] 15 kWh/100 km for a battery-electric passenger car × 1.1 for charging losses, from the charger',
    },
    gridFactor: factorRef('grid', 'north-china', 2023),
  },
  ceiling: {
    value: '7',
    unit: 'gCO2/km',
    source:
      '[P] 武汉 武碳江湖 碳普惠 platform: a 24 km new-energy car trip credited 168 g (= 7 g/km), the only published peer figure found; taken as the ceiling because our baseline and consumption are [D]',
    vintage: 2024,
  },
  // [D] 1–300 km; 5–120 km/h mean speed
  eligibility: { minDistanceM: 1_000, maxDistanceM: 300_000, minSpeedKmh: 5, maxSpeedKmh: 120 },
  // [D] 500 g a day: about 71 km of driving at 7 g/km
  caps: { perActionG: null, perDayG: 500, perMonthG: null },
  // Only from a vehicle or charging platform partner: a citizen's own report is not accepted.
  selfReported: { accepted: false, review: false, perDayCapG: null },
};

export const nevTripV1: MethodologyVersionSeed = {
  methodologyId: 'nev-trip',
  title: '新能源车出行',
  version: 1,
  moduleVersion: 1,
  effectiveFrom: '2026-12-01T00:00:00+08:00',
  regionScope: ['370000'],
  source:
    'ER = d × min(EF_fuel car − kWh/km × EF_grid, ceiling); fuel car 138 g/km [D], 0.165 kWh/km [D], grid 华北 2023 0.6361 [P]; ceiling 7 g/km from 武碳江湖 (24 km → 168 g) [P]; partner push only (vehicle or charging platform); 500 g/day [D]',
  params: nevTripParamsV1,
};
