import { factorRef, type FactorRef } from '@app/methodologies';
import type { HeatPumpWaterHeaterParams } from '../../libs/methodologies/src/heat-pump-water-heater/heat-pump-water-heater.methodology.js';
import type { MethodologyVersionSeed } from '../seed-types.js';

type Heater = HeatPumpWaterHeaterParams['baseline']['heaters'][number];
type Stored = Omit<HeatPumpWaterHeaterParams, 'gridFactor' | 'baseline'> & {
  gridFactor: FactorRef;
  baseline: {
    source: string;
    heaters: (Omit<Heater, 'factor'> & { factor: Heater['factor'] | FactorRef })[];
  };
};

const grid = factorRef('grid', 'north-china', 2023);

/**
 * heat-pump-water-heater v1. Per kWh drawn: 3.0 × (0.5 × 0.6361 ÷ 0.95 + 0.5 × 0.202 ÷ 0.88) − 0.6361
 * = 0.7126 kg. A gas-only baseline would credit almost nothing on the 华北 grid; an electric-only one
 * (广东 2019's) about three times as much: the mix is in between, tilted low by the efficiencies.
 */
export const heatPumpWaterHeaterParamsV1: Stored = {
  gridFactor: grid,
  cop: {
    value: '3.0',
    source:
      '[D] seasonal COP of a household air-source heat-pump water heater in a northern climate, at the low end of the products sold (a lower COP credits less)',
  },
  baseline: {
    source:
      '[D] the water heaters a Shandong household would otherwise use: electric storage 50 %, natural-gas instantaneous 50 % (no provincial survey found). Form after 广东省 2019 碳普惠方法学 (空气源热泵热水器), which takes an electric water heater as the baseline; the gas share is added because it credits less (conservative)',
    heaters: [
      { heater: 'electric', share: '0.5', efficiency: '0.95', factor: grid },
      {
        heater: 'gas',
        share: '0.5',
        efficiency: '0.88',
        factor: {
          value: '0.202',
          unit: 'kgCO2/kWh',
          source: '[D] natural gas: IPCC 2006 default 56.1 tCO2/TJ ÷ 277.8 MWh/TJ = 0.2020 kgCO2/kWh of fuel',
          vintage: 2006,
        },
      },
    ],
  },
  // [D] 5 kW of electrical draw: above any household unit, so only nonsense readings are refused.
  eligibility: { maxKW: '5' },
  caps: { perActionG: null, perDayG: null, perMonthG: null },
  // From the device platform or the utility; a citizen's own reading goes to review.
  selfReported: { accepted: true, review: true, perDayCapG: null },
};

export const heatPumpWaterHeaterV1: MethodologyVersionSeed = {
  methodologyId: 'heat-pump-water-heater',
  title: '空气源热泵热水器',
  version: 1,
  moduleVersion: 1,
  effectiveFrom: '2026-12-01T00:00:00+08:00',
  regionScope: ['370000'],
  source:
    'Form after 广东省 2019 空气源热泵热水器 碳普惠方法学 [P form]; COP 3.0, heater mix 50 % electric (η 0.95) / 50 % gas (η 0.88), gas 0.202 kgCO2/kWh, 5 kW bound [D]; grid 华北 2023 0.6361 kgCO2/kWh, MEE/NBS [P]; device platform or utility push, self-reported to review',
  params: heatPumpWaterHeaterParamsV1,
};
