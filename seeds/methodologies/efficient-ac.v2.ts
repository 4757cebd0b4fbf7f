import { factorRef, type FactorRef } from '@app/methodologies';
import type { EfficientAcV2Params } from '../../libs/methodologies/src/efficient-ac/efficient-ac-v2.methodology.js';
import type { MethodologyVersionSeed } from '../seed-types.js';
import { efficientAcParamsV1 } from './efficient-ac.v1.js';

/** efficient-ac v2 (module 2): the grade-3 baseline for the unit's own capacity, from GB 21455-2019. */
export const efficientAcParamsV2: Omit<EfficientAcV2Params, 'gridFactor'> & { gridFactor: FactorRef } = {
  gridFactor: factorRef('grid', 'north-china', 2023),
  baseline: {
    source:
      "[P] GB 21455-2019《房间空气调节器能效限定值及能效等级》(国家市场监督管理总局、国家标准化管理委员会, 2019-12-31 发布, 2020-07-01 实施) §4 能效等级, table for 热泵型 (heat-pump) 分体式 units: grade-3 全年能源消耗效率 APF 4.00 (CC ≤ 4,500 W), 3.50 (4,500 W < CC ≤ 7,100 W), 3.30 (7,100 W < CC ≤ 14,000 W); the standard covers CC ≤ 14,000 W. The split-unit limits are the higher (window units have lower limits), so a window unit's baseline is not overstated",
    grade3Apf: [
      { maxCapacityW: 4_500, apf: '4.00' },
      { maxCapacityW: 7_100, apf: '3.50' },
      { maxCapacityW: 14_000, apf: '3.30' },
    ],
    annualLoadKWhPerW: {
      value: '1.1',
      source:
        '[D] annual cooling-season plus heating-season load per W of rated cooling capacity, as GB 21455-2019 Annex A/B compute it from the outdoor temperature hours: taken at 1.1 kWh/W, below the 1.2 of efficient-ac@1, so the baseline (load ÷ APF) errs low — conservative; to be replaced by the load of each label class when the provincial methodology publishes one',
    },
  },
  eligibility: efficientAcParamsV1.eligibility,
  caps: efficientAcParamsV1.caps,
  selfReported: efficientAcParamsV1.selfReported,
};

export const efficientAcV2: MethodologyVersionSeed = {
  methodologyId: 'efficient-ac',
  title: '节能空调',
  version: 2,
  moduleVersion: 2,
  effectiveFrom: '2026-12-01T00:00:00+08:00',
  regionScope: ['370000'],
  source:
    'METHODOLOGIES.md §节能空调; grade-3 APF by capacity band, GB 21455-2019 [P]; annual load 1.1 kWh/W [D]; grid factor 华北 2023 0.6361 kgCO2/kWh, MEE/NBS [P]; 5 credit years [D]',
  params: efficientAcParamsV2,
};
