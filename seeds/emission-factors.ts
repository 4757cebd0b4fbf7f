import type { EmissionFactor } from '@app/methodologies';

const MEE_2024_04 = '生态环境部、国家统计局《关于发布2021年电力二氧化碳排放因子的公告》(2024年4月)';
const MEE_2024_12 = '生态环境部、国家统计局《关于发布2022年电力碳足迹因子数据的公告》(2024年12月)';
const MEE_2026 = '生态环境部、国家统计局 2023年电力二氧化碳排放因子公告 (2026)';

/** Grid emission factors (电网排放因子), METHODOLOGIES.md. Regions: national, north-china (华北). */
export const EMISSION_FACTORS: EmissionFactor[] = [
  { kind: 'grid', region: 'national', year: 2021, value: '0.5568', unit: 'kgCO2/kWh', source: MEE_2024_04 },
  { kind: 'grid', region: 'national', year: 2022, value: '0.5366', unit: 'kgCO2/kWh', source: MEE_2024_12 },
  {
    kind: 'grid',
    region: 'north-china',
    year: 2022,
    value: '0.6776',
    unit: 'kgCO2/kWh',
    source: MEE_2024_12,
  },
  { kind: 'grid', region: 'national', year: 2023, value: '0.5306', unit: 'kgCO2/kWh', source: MEE_2026 },
  { kind: 'grid', region: 'north-china', year: 2023, value: '0.6361', unit: 'kgCO2/kWh', source: MEE_2026 },
];

export const emissionFactorMap = (): Map<string, EmissionFactor> =>
  new Map(EMISSION_FACTORS.map((f) => [`${f.kind}/${f.region}/${f.year}`, f]));
