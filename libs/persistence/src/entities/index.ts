import { MethodologyVersionEntity } from './methodology-version.entity.js';
import { MethodologyEntity } from './methodology.entity.js';
import { PointsRuleEntity } from './points-rule.entity.js';

export { MethodologyEntity, MethodologyVersionEntity, PointsRuleEntity };
export type { MethodologyVersionStatus } from './methodology-version.entity.js';

/** Only the tables read through TypeORM's repositories; everything else goes through `*.repository.ts` SQL. */
export const ENTITIES = [MethodologyEntity, MethodologyVersionEntity, PointsRuleEntity];
