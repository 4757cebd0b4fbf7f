import { bus, busV2 } from './bus/bus.methodology.js';
import { carpool } from './carpool/carpool.methodology.js';
import { clothesRecycling } from './clothes-recycling/clothes-recycling.methodology.js';
import { cycling } from './cycling/cycling.methodology.js';
import { efficientAcV2 } from './efficient-ac/efficient-ac-v2.methodology.js';
import { efficientAc } from './efficient-ac/efficient-ac.methodology.js';
import { flatActions } from './flat-actions/flat-actions.methodology.js';
import { heatPumpWaterHeater } from './heat-pump-water-heater/heat-pump-water-heater.methodology.js';
import { heatPump } from './heat-pump/heat-pump.methodology.js';
import { householdPower } from './household-power/household-power.methodology.js';
import { metro, metroV2 } from './metro/metro.methodology.js';
import { nevTrip } from './nev-trip/nev-trip.methodology.js';
import { rooftopPv } from './rooftop-pv/rooftop-pv.methodology.js';
import { walking } from './walking/walking.methodology.js';
import type { Methodology } from './methodology.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const modules: Methodology<any, any>[] = [
  cycling,
  bus,
  busV2,
  metro,
  metroV2,
  walking,
  carpool,
  clothesRecycling,
  rooftopPv,
  heatPump,
  efficientAc,
  efficientAcV2,
  nevTrip,
  householdPower,
  heatPumpWaterHeater,
  ...flatActions,
];

const byKey = new Map<string, Methodology>();
for (const module of modules) {
  const key = `${module.id}@${module.version}`;
  if (byKey.has(key)) throw new Error(`two methodology modules claim ${key}`);
  byKey.set(key, module);
}

/** Maps `id@version` to the module that implements it. */
export const methodologyRegistry = {
  get(id: string, version: number): Methodology | undefined {
    return byKey.get(`${id}@${version}`);
  },
  /** The newest module version for a methodology id (what new parameter sets are written against). */
  latest(id: string): Methodology | undefined {
    return modules.filter((m) => m.id === id).sort((a, b) => b.version - a.version)[0];
  },
  ids(): string[] {
    return [...new Set(modules.map((m) => m.id))].sort();
  },
};
