import type { CyclingParams } from '@app/methodologies';
import type { MethodologyVersionSeed } from '../seed-types.js';
import { cyclingParamsV1 } from './cycling.v1.js';

/**
 * Why a shared-bike factor may credit an own bike (issue 15): Hellobike's net factor is the baseline
 * a shared ride replaces minus the shared system's own emissions (rebalancing vans, maintenance). An
 * own bike has no rebalancing fleet, so for the same baseline its net reduction is at least the shared
 * one: crediting it with the shared factor does not overstate it. And 33.88 g/pkm is the lowest bike
 * factor published by a peer (美团 48.7 g/pkm, 武汉 40 g/km), so it is the conservative choice.
 */
const OWN_BIKE_REASON =
  'Applied to own bikes conservatively: the net factor already deducts the shared system’s rebalancing and maintenance emissions, which an own bike does not cause, and it is the lowest published bike factor (美团 48.7 g/pkm, 武汉 40 g/km); no published factor for own bikes was found';

/** cycling v2 — the v1 numbers, saying which modes each factor is published for and applied to. */
export const cyclingParamsV2: CyclingParams = {
  ...cyclingParamsV1,
  factors: {
    bike: {
      ...cyclingParamsV1.factors.bike,
      source: `[P] 哈啰 共享单车及共享电单车碳减排量核算企业标准 (Hellobike enterprise standard, completed July 2022: baseline minus the shared system’s own operating emissions; 缺省值 33.88 gCO2/人/km), published for shared bikes (共享单车). ${OWN_BIKE_REASON}`,
      publishedFor: ['shared-bike'],
      appliedTo: ['shared-bike', 'own-bike'],
    },
    ebike: {
      ...cyclingParamsV1.factors.ebike,
      source: `[P] 哈啰 共享单车及共享电单车碳减排量核算企业标准 (Hellobike enterprise standard, July 2022; 缺省值 35.01 gCO2/人/km), published for shared e-bikes (共享电单车). Applied to own e-bikes (电动自行车) conservatively on the same reasoning: no rebalancing fleet, and a home charge on the same grid; no published factor for own e-bikes was found`,
      publishedFor: ['shared-ebike'],
      appliedTo: ['shared-ebike', 'own-ebike'],
    },
  },
};

export const cyclingV2: MethodologyVersionSeed = {
  methodologyId: 'cycling',
  title: '低碳出行 · 骑行',
  version: 2,
  moduleVersion: 1,
  // The same figures as cycling@1, so taking effect from the start of 2026 changes no citizen's credit.
  effectiveFrom: '2026-01-01T00:00:00+08:00',
  regionScope: null,
  source:
    'As cycling@1 (Hellobike enterprise standard [P]; eligibility and caps [D]), the factors saying which modes they are published for (shared bikes, shared e-bikes) and why they are applied to own bikes (conservative)',
  params: cyclingParamsV2,
};
