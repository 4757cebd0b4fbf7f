import type { CarpoolParams } from '../../libs/methodologies/src/carpool/carpool.methodology.js';
import type { MethodologyVersionSeed } from '../seed-types.js';

/** carpool v1 — defaults from METHODOLOGIES.md (低碳出行, T/CCAA 38-2021 form, provisional factors). */
export const carpoolParamsV1: CarpoolParams = {
  factor: {
    value: '60',
    unit: 'gCO2e/pkm',
    source:
      'T/CCAA 38-2021《私人小客车合乘出行项目温室气体减排量评估技术规范》(嘀嗒出行 group standard) formula [P]; 60 g per extra rider-km: our provisional default [D]',
    vintage: 2021,
  },
  detourFactor: {
    value: '150',
    unit: 'gCO2e/km',
    source: 'our provisional default [D] (a private car per vehicle-km)',
    vintage: 2024,
  },
  eligibility: {
    minOccupants: 2,
    maxOccupants: 7,
    maxDetourPercent: 30,
    minDistanceM: 1_000,
    maxDistanceM: 100_000,
    minSpeedKmh: 5,
    maxSpeedKmh: 120,
  },
  caps: { perActionG: null, perDayG: 1_000, perMonthG: null },
  selfReported: { accepted: true, review: false, perDayCapG: null },
};

export const carpoolV1: MethodologyVersionSeed = {
  methodologyId: 'carpool',
  title: '低碳出行 · 合乘',
  version: 1,
  moduleVersion: 1,
  effectiveFrom: '2024-01-01T00:00:00+08:00',
  regionScope: null,
  source:
    'METHODOLOGIES.md §低碳出行; T/CCAA 38-2021 (嘀嗒出行) formula [P]; 60 g/pkm per extra rider, detour 150 g/km, eligibility and caps [D]',
  params: carpoolParamsV1,
};
