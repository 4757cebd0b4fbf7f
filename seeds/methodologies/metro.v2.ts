import type { TransitComponentParams } from '@app/methodologies';
import type { MethodologyVersionSeed } from '../seed-types.js';
import { metroParamsV1 } from './metro.v1.js';
import {
  activePerPkm,
  busProjectPerPkm,
  ebikePerPkm,
  northChinaGrid2023,
  privateCarPerPkm,
  SHANDONG_TRANSIT_NOTE,
  taxiPerPkm,
} from './transit-shandong.js';

type Stored<T> = Omit<T, 'components'> & { components: unknown };

/**
 * metro@2 for Shandong (module 2): EF_net = baseline mix − 1.0 × kWh/pkm × 华北 grid. With these
 * inputs: 50.1575 − 31.805 = 18.3525 g/pkm.
 */
export const metroParamsV2: Stored<TransitComponentParams> = {
  components: {
    baseline: {
      source: `[D] what a Shandong (济南, 青岛) metro rider would otherwise use: private car 30 %, taxi 10 %, bus 35 %, e-bike 15 %, walking or cycling 10 % — the bus share counted at the bus's own emission, so trips moved from bus credit only the difference (conservative). ${SHANDONG_TRANSIT_NOTE}`,
      modes: [
        { mode: 'private-car', share: '0.30', factor: privateCarPerPkm },
        { mode: 'taxi', share: '0.10', factor: taxiPerPkm },
        { mode: 'bus', share: '0.35', factor: busProjectPerPkm },
        { mode: 'e-bike', share: '0.15', factor: ebikePerPkm },
        { mode: 'walk-or-cycle', share: '0.10', factor: activePerPkm },
      ],
    },
    project: {
      electric: {
        share: '1',
        kWhPerPkm: {
          value: '0.05',
          source:
            '[D] traction electricity per passenger-km of a Chinese metro (≈ 1.7 kWh per car-km at an average load of about 34 passengers per car), rounded up — the higher value credits less',
        },
        gridFactor: northChinaGrid2023,
      },
      fuels: [],
    },
  },
  eligibility: metroParamsV1.eligibility,
  caps: metroParamsV1.caps,
  selfReported: metroParamsV1.selfReported,
};

export const metroV2: MethodologyVersionSeed = {
  methodologyId: 'metro',
  title: '低碳出行 · 地铁',
  version: 2,
  moduleVersion: 2,
  effectiveFrom: '2026-12-01T00:00:00+08:00',
  regionScope: ['370000'],
  source:
    'ER = d × (EF_baseline − EF_project) [P form]: 深圳市生态环境局《深圳市低碳公共出行碳普惠方法学(试行)》(2021-12) and DB11/T 3043-2024《碳普惠项目减排量核算技术规范 低碳出行》(北京、天津、河北, 2024-06-28 发布, 2024-10-01 实施; BE = Σ EF_i × BD_i, PE = Σ EF_k × PD_k); grid 华北 2023 0.6361 kgCO2/kWh, MEE/NBS [P]; mode mix and traction energy [D]; eligibility and caps as metro@1',
  params: metroParamsV2,
};
