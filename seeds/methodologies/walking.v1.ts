import type { WalkingParams } from '../../libs/methodologies/src/walking/walking.methodology.js';
import type { MethodologyVersionSeed } from '../seed-types.js';

/** walking v1 — defaults from METHODOLOGIES.md (低碳出行, net reduction factor per step). */
export const walkingParamsV1: WalkingParams = {
  factor: {
    value: '0.02',
    unit: 'gCO2e/step',
    source: '湖北碳排放权交易中心「碳碳星球」(Hubei Emission Exchange, 0.02 g per step)',
    vintage: 2021,
  },
  eligibility: { maxCountedStepsPerDay: 30_000 },
  caps: { perActionG: null, perDayG: 296, perMonthG: null },
  selfReported: { accepted: true, review: false, perDayCapG: null },
};

export const walkingV1: MethodologyVersionSeed = {
  methodologyId: 'walking',
  title: '低碳出行 · 步行',
  version: 1,
  moduleVersion: 1,
  effectiveFrom: '2024-01-01T00:00:00+08:00',
  regionScope: null,
  source:
    'METHODOLOGIES.md §低碳出行; 湖北 碳碳星球 0.02 g/step [P]; daily cap 296 g as Ant Forest [P]; 30,000 counted steps [D]',
  params: walkingParamsV1,
};
