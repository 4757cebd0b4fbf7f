import type { TransitComponentParams } from '@app/methodologies';
import type { MethodologyVersionSeed } from '../seed-types.js';
import { busParamsV1 } from './bus.v1.js';
import {
  activePerPkm,
  busDieselPerPkm,
  ebikePerPkm,
  northChinaGrid2023,
  privateCarPerPkm,
  SHANDONG_TRANSIT_NOTE,
  taxiPerPkm,
} from './transit-shandong.js';

type Stored<T> = Omit<T, 'components'> & { components: unknown };

/**
 * bus@2 for Shandong (module 2): EF_net = baseline mix − (electric share × kWh/pkm × 华北 grid +
 * diesel share × diesel per pkm). With these inputs: 43.297 − 35.745175 = 7.551825 g/pkm.
 */
export const busParamsV2: Stored<TransitComponentParams> = {
  components: {
    baseline: {
      source: `[D] what a Shandong bus rider would otherwise use: private car 35 %, taxi 10 %, e-bike 30 %, walking or cycling 25 % — a mix with more non-motorised trips than a large-city survey would show, so the baseline is low (conservative). ${SHANDONG_TRANSIT_NOTE}`,
      modes: [
        { mode: 'private-car', share: '0.35', factor: privateCarPerPkm },
        { mode: 'taxi', share: '0.10', factor: taxiPerPkm },
        { mode: 'e-bike', share: '0.30', factor: ebikePerPkm },
        { mode: 'walk-or-cycle', share: '0.25', factor: activePerPkm },
      ],
    },
    project: {
      electric: {
        share: '0.85',
        kWhPerPkm: {
          value: '0.055',
          source:
            '[D] 1.1 kWh/vkm drawn from the charger by a 10–12 m battery-electric bus (winter heating included) ÷ 20 passengers average load; share 0.85 electric (new-energy buses are most of the fleet in Shandong cities; the rest counted as diesel, the higher-emitting case)',
        },
        gridFactor: northChinaGrid2023,
      },
      fuels: [{ fuel: 'diesel', share: '0.15', factor: busDieselPerPkm }],
    },
  },
  eligibility: busParamsV1.eligibility,
  caps: busParamsV1.caps,
  selfReported: busParamsV1.selfReported,
};

export const busV2: MethodologyVersionSeed = {
  methodologyId: 'bus',
  title: '低碳出行 · 公交',
  version: 2,
  moduleVersion: 2,
  effectiveFrom: '2026-12-01T00:00:00+08:00',
  regionScope: ['370000'],
  source:
    'ER = d × (EF_baseline − EF_project) [P form]: 深圳市生态环境局《深圳市低碳公共出行碳普惠方法学(试行)》(2021-12) and DB11/T 3043-2024《碳普惠项目减排量核算技术规范 低碳出行》(北京、天津、河北, 2024-06-28 发布, 2024-10-01 实施; BE = Σ EF_i × BD_i, PE = Σ EF_k × PD_k); grid 华北 2023 0.6361 kgCO2/kWh, MEE/NBS [P]; mode mix, traction energy, load, fuel shares [D]; eligibility and caps as bus@1',
  params: busParamsV2,
};
