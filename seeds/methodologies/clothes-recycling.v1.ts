import type { ClothesRecyclingParams } from '../../libs/methodologies/src/clothes-recycling/clothes-recycling.methodology.js';
import type { MethodologyVersionSeed } from '../seed-types.js';

/** clothes-recycling v1 — defaults from METHODOLOGIES.md (旧衣物回收). */
export const clothesRecyclingParamsV1: ClothesRecyclingParams = {
  factor: {
    value: '3.6',
    unit: 'kgCO2e/kg',
    source:
      'Bureau of International Recycling (BIR), textile recycling study (2008), as used by Chinese recycling campaigns',
    vintage: 2008,
  },
  // [D] 0.5–50 kg per drop-off.
  eligibility: { minWeightG: 500, maxWeightG: 50_000 },
  // [D] 30 kg a month per citizen, as grams CO2e: floor(30,000 g × 3.6) = 108,000 g.
  caps: { perActionG: null, perDayG: null, perMonthG: 108_000 },
  // Weight should come from a weighing kiosk or a recycler's receipt; a self-reported weight is reviewed.
  selfReported: { accepted: true, review: true, perDayCapG: null },
};

export const clothesRecyclingV1: MethodologyVersionSeed = {
  methodologyId: 'clothes-recycling',
  title: '旧衣物回收',
  version: 1,
  moduleVersion: 1,
  effectiveFrom: '2024-01-01T00:00:00+08:00',
  regionScope: null,
  source:
    'METHODOLOGIES.md §旧衣物回收; 3.6 kgCO2e/kg, BIR 2008 textile study [P]; 0.5–50 kg per drop-off and 30 kg monthly cap [D]',
  params: clothesRecyclingParamsV1,
};
