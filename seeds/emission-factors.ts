import { factorKey, type EmissionFactor } from '@app/methodologies';

// Citations checked against each announcement's title, number and date (issue 15).
const MEE_2021 =
  '生态环境部、国家统计局《关于发布2021年电力二氧化碳排放因子的公告》(公告2024年第12号, 2024年4月12日)';
/**
 * Edition 1 of the 2022 rows: the values are the 2022 电力二氧化碳排放因子, but the citation named the
 * 电力碳足迹因子 announcement, a different (life-cycle) basis. Kept because published versions may
 * cite these rows; edition 2 carries the right citation.
 */
const MEE_2022_MISCITED = '生态环境部、国家统计局《关于发布2022年电力碳足迹因子数据的公告》(2024年12月)';
const MEE_2022 =
  '生态环境部、国家统计局《关于发布2022年电力二氧化碳排放因子的公告》(2024年12月20日; 与公告2024年第12号方法和数据来源一致)';
const MEE_2023 =
  '生态环境部、国家统计局《关于发布2023年电力二氧化碳排放因子的公告》(2026年1月印发; 方法和数据来源与2021、2022年一致)';
const CORRECTS_2022 =
  '; edition 2 corrects the citation of edition 1, which named the 2022 电力碳足迹因子 announcement (same value)';

const grid = (region: string, year: number, value: string, source: string, edition = 1): EmissionFactor => ({
  kind: 'grid',
  region,
  year,
  edition,
  value,
  unit: 'kgCO2/kWh',
  source,
});

/**
 * Grid emission factors (电力平均二氧化碳排放因子), METHODOLOGIES.md. Regions: national, north-china
 * (华北, the regional grid Shandong belongs to). Rows are immutable: a correction is a new edition.
 */
export const EMISSION_FACTORS: EmissionFactor[] = [
  grid('national', 2021, '0.5568', MEE_2021),
  grid('national', 2022, '0.5366', MEE_2022_MISCITED),
  grid('north-china', 2022, '0.6776', MEE_2022_MISCITED),
  grid('national', 2022, '0.5366', MEE_2022 + CORRECTS_2022, 2),
  grid('north-china', 2022, '0.6776', MEE_2022 + CORRECTS_2022, 2),
  grid('national', 2023, '0.5306', MEE_2023),
  grid('north-china', 2023, '0.6361', MEE_2023),
];

export const emissionFactorMap = (): Map<string, EmissionFactor> =>
  new Map(EMISSION_FACTORS.map((f) => [factorKey(f), f]));
