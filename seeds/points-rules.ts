import type { PointsRuleSeed } from './seed-types.js';

/** Default: 1 point = 1 g CO2e (the Wuhan/Hubei rule). */
export const defaultPointsRule: PointsRuleSeed = {
  version: 1,
  pointsPerGram: '1',
  effectiveFrom: '2024-01-01T00:00:00+08:00',
  source: '武汉/湖北碳普惠 1 积分 = 1 g CO2e',
};
