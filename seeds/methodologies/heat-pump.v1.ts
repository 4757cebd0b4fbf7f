import { factorRef, type FactorRef } from '@app/methodologies';
import type { HeatPumpParams } from '../../libs/methodologies/src/heat-pump/heat-pump.methodology.js';
import type { MethodologyVersionSeed } from '../seed-types.js';

/** heat-pump v1 as stored: the grid factor is a reference to the emission_factors table. */
export const heatPumpParamsV1: Omit<HeatPumpParams, 'gridFactor'> & { gridFactor: FactorRef } = {
  gridFactor: factorRef('grid', 'north-china', 2023),
  coalHeatFactor: {
    value: '0.327',
    unit: 'kgCO2/kWh',
    source:
      '[D] derived in METHODOLOGIES.md: 2.66 tCO2/tce ÷ (29.3 GJ/tce ÷ 3.6 MJ/kWh = 8,139 kWh/tce) = 0.3268, rounded to 0.327',
    vintage: 2024,
  },
  cop: {
    value: '2.8',
    source: '[D] METHODOLOGIES.md: seasonal COP of an air-source heat pump in a northern winter',
  },
  baselineEfficiency: {
    value: '0.6',
    source: '[D] METHODOLOGIES.md: efficiency of the scattered-coal (散煤) stove replaced',
  },
  // [D] 20 kW of electrical draw: well above a household unit, so only nonsense readings are refused.
  eligibility: { maxKW: '20' },
  caps: { perActionG: null, perDayG: null, perMonthG: null },
  // Consumption must come from the utility or the device platform.
  // Readings come from the grid company or device platforms; a citizen's own report is checked by hand.
  selfReported: { accepted: true, review: true, perDayCapG: null },
};

export const heatPumpV1: MethodologyVersionSeed = {
  methodologyId: 'heat-pump',
  title: '空气源热泵替代散煤取暖',
  version: 1,
  moduleVersion: 1,
  effectiveFrom: '2024-01-01T00:00:00+08:00',
  regionScope: null,
  source:
    'METHODOLOGIES.md §空气源热泵 [D — no published 碳普惠 methodology]; grid factor 华北 2023 0.6361 kgCO2/kWh, MEE/NBS [P]; COP 2.8, η 0.6, coal 0.327 kgCO2/kWh, 20 kW bound [D]',
  params: heatPumpParamsV1,
};
