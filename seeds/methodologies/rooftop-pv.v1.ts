import { factorRef, type FactorRef } from '@app/methodologies';
import type { RooftopPvParams } from '../../libs/methodologies/src/rooftop-pv/rooftop-pv.methodology.js';
import type { MethodologyVersionSeed } from '../seed-types.js';

/** rooftop-pv v1 as stored: the grid factor is a reference to the emission_factors table. */
export const rooftopPvParamsV1: Omit<RooftopPvParams, 'gridFactor'> & { gridFactor: FactorRef } = {
  gridFactor: factorRef('grid', 'north-china', 2023),
  eligibility: { maxInstalledKW: '1000', maxPeakSunHoursPerDay: '7' },
  caps: { perActionG: null, perDayG: null, perMonthG: null },
  // Readings must come from the grid company or the inverter platform.
  // Readings come from the grid company or device platforms; a citizen's own report is checked by hand.
  selfReported: { accepted: true, review: true, perDayCapG: null },
};

export const rooftopPvV1: MethodologyVersionSeed = {
  methodologyId: 'rooftop-pv',
  title: '屋顶分布式光伏',
  version: 1,
  moduleVersion: 1,
  effectiveFrom: '2024-01-01T00:00:00+08:00',
  regionScope: null,
  source:
    'METHODOLOGIES.md §屋顶分布式光伏; grid factor 华北 2023 0.6361 kgCO2/kWh, MEE/NBS [P]; capacity ≤ 1 MW, Shanghai scene limit [P]; generation ≤ kW × days × 7 h [D]',
  params: rooftopPvParamsV1,
};
