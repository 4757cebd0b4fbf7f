import { factorRef, type Factor, type FactorRef } from '@app/methodologies';

/**
 * Inputs shared by the Shandong transit versions (bus@2, metro@2). Every value is tagged [P] (found in
 * the cited source) or [D] (derived here, with its arithmetic); where an input is uncertain the value
 * taken is the one that credits less (保守性原则).
 */

const D = (value: string, source: string): Factor => ({ value, unit: 'gCO2e/pkm', source, vintage: 2026 });

/** [D] private petrol car per passenger-km. */
export const privateCarPerPkm = D(
  '92',
  '[D] 6.0 L/100 km (low end of conventional passenger-car fuel use in China, taken low for conservativeness) × 2.30 kgCO2/L petrol (IPCC 2006 default 69.3 tCO2/TJ × 33.2 MJ/L) = 138 g/vkm ÷ 1.5 occupants = 92 g/pkm',
);

/** [D] taxi and ride-hailing per passenger-km. */
export const taxiPerPkm = D(
  '90',
  '[D] 138 g/vkm (as the private car) × 1.3 for empty running ÷ 1.5 occupants = 119.6 g/pkm, taken down to 90 for the CNG and electric taxis of Shandong fleets (share not documented) — conservative',
);

/** [D] electric two-wheeler per passenger-km. */
export const ebikePerPkm = D(
  '6.99',
  '[D] 1.1 kWh/100 km (an e-bike under GB 17761-2018) × 华北 2023 grid 0.6361 kgCO2/kWh [P] = 6.997, rounded down',
);

/** Walking and pedal cycling: no emission. */
export const activePerPkm = D('0', '[D] walking and pedal cycling emit nothing in use');

/** [P] 华北 2023 grid factor: the regional grid Shandong belongs to (no provincial factor seeded). */
export const northChinaGrid2023: FactorRef = factorRef('grid', 'north-china', 2023);

export const busDieselPerPkm = D(
  '40.05',
  '[D] 30 L/100 km diesel city bus × 2.67 kgCO2/L diesel (IPCC 2006 default 74.1 tCO2/TJ × 36.0 MJ/L) = 801 g/vkm ÷ 20 passengers average load = 40.05 g/pkm',
);

/** [D] the bus's own per-pkm emission, as the metro baseline's bus share: the bus@2 project value. */
export const busProjectPerPkm = D(
  '35.74',
  '[D] bus@2 project emission for Shandong: 0.85 × 0.055 kWh/pkm × 636.1 g/kWh + 0.15 × 40.05 g/pkm = 35.745, rounded down',
);

export const SHANDONG_TRANSIT_NOTE =
  'No Shandong travel survey or provincial transit methodology has published a mode mix or traction energy yet; replace these [D] inputs when one does (山东省碳普惠试点工作指导意见 2025 has the province issue methodologies)';
