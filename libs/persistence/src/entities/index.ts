import { AccountEntity } from './account.entity.js';
import { ActionEntity } from './action.entity.js';
import { CitizenEntity } from './citizen.entity.js';
import { MethodologyVersionEntity } from './methodology-version.entity.js';
import { MethodologyEntity } from './methodology.entity.js';
import { PointsRuleEntity } from './points-rule.entity.js';

export {
  AccountEntity,
  ActionEntity,
  CitizenEntity,
  MethodologyEntity,
  MethodologyVersionEntity,
  PointsRuleEntity,
};
export type { Asset } from './account.entity.js';
export type { MethodologyVersionStatus } from './methodology-version.entity.js';

export const ENTITIES = [
  AccountEntity,
  ActionEntity,
  CitizenEntity,
  MethodologyEntity,
  MethodologyVersionEntity,
  PointsRuleEntity,
];
