import type { MetroParams } from '../../libs/methodologies/src/metro/metro.methodology.js';
import type { MethodologyVersionSeed } from '../seed-types.js';

/** metro v1 — defaults from METHODOLOGIES.md (低碳出行, net reduction factor per passenger-km). */
export const metroParamsV1: MetroParams = {
  factor: {
    value: '46.7',
    unit: 'gCO2e/pkm',
    source: '深圳市生态环境局《深圳市低碳公共出行碳普惠方法学(试行)》(metro)',
    vintage: 2021,
  },
  eligibility: { minDistanceM: 1_000, maxDistanceM: 80_000, minSpeedKmh: 10, maxSpeedKmh: 80 },
  caps: { perActionG: null, perDayG: 1_500, perMonthG: null },
  selfReported: { accepted: true, review: false, perDayCapG: null },
};

export const metroV1: MethodologyVersionSeed = {
  methodologyId: 'metro',
  title: '低碳出行 · 地铁',
  version: 1,
  moduleVersion: 1,
  effectiveFrom: '2024-01-01T00:00:00+08:00',
  regionScope: null,
  source: 'METHODOLOGIES.md §低碳出行; 深圳 低碳公共出行碳普惠方法学 [P]; eligibility and caps [D]',
  params: metroParamsV1,
};
