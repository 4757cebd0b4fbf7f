import { factorRef, type FactorRef } from '@app/methodologies';
import type { EfficientAcParams } from '../../libs/methodologies/src/efficient-ac/efficient-ac.methodology.js';
import type { MethodologyVersionSeed } from '../seed-types.js';

/** efficient-ac v1 as stored: the grid factor is a reference to the emission_factors table. */
export const efficientAcParamsV1: Omit<EfficientAcParams, 'gridFactor'> & { gridFactor: FactorRef } = {
  gridFactor: factorRef('grid', 'north-china', 2023),
  baseline: {
    source:
      '[D] provisional, not a published table: a grade-3 (三级能效) unit at the common capacity of each band (2,500 / 3,500 / 5,100 / 7,200 W) × an assumed 1.2 kWh of annual cooling and heating load per W ÷ an assumed grade-3 APF of 4.0 / 4.0 / 3.5 / 3.3, rounded down; to be replaced by label values per GB 21455-2019 or the provincial methodology',
    bands: [
      { minCapacityW: 1_800, maxCapacityW: 2_600, annualKWh: '750' },
      { minCapacityW: 2_601, maxCapacityW: 4_500, annualKWh: '1050' },
      { minCapacityW: 4_501, maxCapacityW: 7_100, annualKWh: '1748' },
      { minCapacityW: 7_101, maxCapacityW: 14_000, annualKWh: '2618' },
    ],
  },
  // At most the unit's first 5 years: the calendar year of purchase and the 4 after it.
  eligibility: { creditYears: 5 },
  caps: { perActionG: null, perDayG: null, perMonthG: null },
  // Needs a retailer's verified invoice.
  // Readings come from the grid company or device platforms; a citizen's own report is checked by hand.
  selfReported: { accepted: true, review: true, perDayCapG: null },
};

export const efficientAcV1: MethodologyVersionSeed = {
  methodologyId: 'efficient-ac',
  title: '节能空调',
  version: 1,
  moduleVersion: 1,
  effectiveFrom: '2024-01-01T00:00:00+08:00',
  regionScope: null,
  source:
    'METHODOLOGIES.md §节能空调 [D]; grid factor 华北 2023 0.6361 kgCO2/kWh, MEE/NBS [P]; grade-3 baseline table and 5 credit years [D]',
  params: efficientAcParamsV1,
};
