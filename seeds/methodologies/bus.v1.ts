import type { BusParams } from '../../libs/methodologies/src/bus/bus.methodology.js';
import type { MethodologyVersionSeed } from '../seed-types.js';

/** bus v1 — defaults from METHODOLOGIES.md (低碳出行, net reduction factor per passenger-km). */
export const busParamsV1: BusParams = {
  factor: {
    value: '26.9',
    unit: 'gCO2e/pkm',
    source: '深圳市生态环境局《深圳市低碳公共出行碳普惠方法学(试行)》(battery-electric bus)',
    vintage: 2021,
  },
  eligibility: { minDistanceM: 500, maxDistanceM: 60_000, minSpeedKmh: 5, maxSpeedKmh: 60 },
  caps: { perActionG: null, perDayG: 1_000, perMonthG: null },
  selfReported: { accepted: true, review: false, perDayCapG: null },
};

export const busV1: MethodologyVersionSeed = {
  methodologyId: 'bus',
  title: '低碳出行 · 公交',
  version: 1,
  moduleVersion: 1,
  effectiveFrom: '2024-01-01T00:00:00+08:00',
  regionScope: null,
  source: 'METHODOLOGIES.md §低碳出行; 深圳 低碳公共出行碳普惠方法学 [P]; eligibility and caps [D]',
  params: busParamsV1,
};
