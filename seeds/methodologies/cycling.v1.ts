import type { CyclingParams } from '@app/methodologies';
import type { MethodologyVersionSeed } from '../seed-types.js';

/** cycling v1 — defaults from METHODOLOGIES.md (低碳出行, net reduction factor per passenger-km). */
export const cyclingParamsV1: CyclingParams = {
  factors: {
    bike: {
      value: '33.88',
      unit: 'gCO2e/pkm',
      source: '哈啰出行 企业标准《共享单车骑行碳减排量核算》(Hellobike enterprise standard)',
      vintage: 2022,
    },
    ebike: {
      value: '35.01',
      unit: 'gCO2e/pkm',
      source: '哈啰出行 企业标准《共享电单车骑行碳减排量核算》(Hellobike enterprise standard)',
      vintage: 2022,
    },
  },
  eligibility: { minDistanceM: 500, maxDistanceM: 30_000, maxSpeedKmh: { bike: 25, ebike: 30 } },
  caps: { perActionG: null, perDayG: 1_500, perMonthG: null },
  selfReported: { accepted: true, review: false, perDayCapG: null },
};

export const cyclingV1: MethodologyVersionSeed = {
  methodologyId: 'cycling',
  title: '低碳出行 · 骑行',
  version: 1,
  moduleVersion: 1,
  effectiveFrom: '2024-01-01T00:00:00+08:00',
  regionScope: null,
  source: 'METHODOLOGIES.md §低碳出行; Hellobike enterprise standard [P]; eligibility and caps [D]',
  params: cyclingParamsV1,
};
