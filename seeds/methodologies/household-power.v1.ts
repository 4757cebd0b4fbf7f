import { factorRef, type FactorRef } from '@app/methodologies';
import type { HouseholdPowerParams } from '../../libs/methodologies/src/household-power/household-power.methodology.js';
import type { MethodologyVersionSeed } from '../seed-types.js';

/**
 * household-power v1. Grid factor: 华北 2023 (0.6361 kgCO2/kWh, MEE/NBS [P]), not 武汉's 525 g/kWh: a
 * kWh not drawn in Shandong is a kWh of the 华北 grid Shandong belongs to, and 525 g/kWh is another
 * grid's figure. No Shandong provincial factor is seeded; when one is, a new version points at it.
 */
export const householdPowerParamsV1: Omit<HouseholdPowerParams, 'gridFactor'> & { gridFactor: FactorRef } = {
  gridFactor: factorRef('grid', 'north-china', 2023),
  eligibility: {
    minBaselineKWh: '30',
    maxSavingShare: '0.3',
    source:
      '[D] a baseline month under 30 kWh is a vacant or part-time home; a saving above 30 % of the baseline is more likely absence or a change of household than behaviour, so only 30 % is credited (conservative). The baseline is the household’s own same month of the previous year (issue 15), which takes out the season and the household’s size; 深圳市生态环境局《深圳市居民低碳用电碳普惠方法学(试行)》(2022-06-21) instead compares with Shenzhen’s per-person daily average, or the household’s own 7-day average',
  },
  // [D] 30,000 g a month: 47 kWh saved at the 华北 factor
  caps: { perActionG: null, perDayG: null, perMonthG: 30_000 },
  // Only from the grid company: a citizen's own meter reading is not accepted.
  selfReported: { accepted: false, review: false, perDayCapG: null },
};

export const householdPowerV1: MethodologyVersionSeed = {
  methodologyId: 'household-power',
  title: '居民节约用电',
  version: 1,
  moduleVersion: 1,
  effectiveFrom: '2026-12-01T00:00:00+08:00',
  regionScope: ['370000'],
  source:
    'ER = min(baseline − consumed, 0.3 × baseline) × EF_grid; baseline = same household, same month of the previous year [D] (深圳《居民低碳用电碳普惠方法学(试行)》2022 uses a per-person daily average or a 7-day average instead); grid 华北 2023 0.6361 kgCO2/kWh, MEE/NBS [P] (chosen over 武汉 525 g/kWh, another grid); bounds and the 30,000 g monthly cap [D]; grid company push only',
  params: householdPowerParamsV1,
};
