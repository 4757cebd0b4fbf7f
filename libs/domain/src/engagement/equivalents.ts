/**
 * Conversion factors that turn grams CO2e into things a citizen can picture. Data, with their source.
 * Tags: [P] published figure; [D] provisional — a round figure we chose where no single published
 * source fits, to be replaced when the bureau adopts one (a change here is a CHANGELOG entry).
 */
export interface Equivalent {
  id: string;
  label: string;
  unit: string;
  /** grams CO2e per one unit. */
  gramsPerUnit: bigint;
  source: string;
  tag: 'P' | 'D';
}

export const EQUIVALENTS: readonly Equivalent[] = [
  {
    id: 'tree-years',
    label: 'trees growing for a year',
    unit: 'tree-year',
    gramsPerUnit: 18_300n,
    source:
      '[D] one young broadleaf tree absorbs about 18.3 kg CO2 a year, a figure widely used by Chinese tree-planting campaigns (e.g. 蚂蚁森林 explanations); no single normative source',
    tag: 'D',
  },
  {
    id: 'car-km',
    label: 'kilometres not driven by a petrol car',
    unit: 'km',
    gramsPerUnit: 183n,
    source:
      '[D] 7.9 L/100 km (passenger car fleet average, GB 19578 era) × 2.32 kg CO2/L petrol ≈ 183 g/km; provisional until a provincial figure is adopted',
    tag: 'D',
  },
  {
    id: 'grid-kwh',
    label: 'kWh of grid electricity',
    unit: 'kWh',
    gramsPerUnit: 537n,
    source:
      '[P] national grid emission factor 2022, 0.5366 kg CO2/kWh (生态环境部、国家统计局《关于发布2022年电力二氧化碳排放因子的公告》, 2024年12月20日; the emission_factors row grid/national/2022/e2), rounded to 537 g',
    tag: 'P',
  },
];

/** Whole units of each equivalent (rounded down) for an amount of grams. */
export function equivalentsOf(
  grams: bigint,
): { id: string; label: string; unit: string; amount: string; gramsPerUnit: string; source: string }[] {
  return EQUIVALENTS.map((e) => ({
    id: e.id,
    label: e.label,
    unit: e.unit,
    amount: (grams > 0n ? grams / e.gramsPerUnit : 0n).toString(),
    gramsPerUnit: e.gramsPerUnit.toString(),
    source: e.source,
  }));
}
