/**
 * Chinese for a quantification's trace (libs/methodologies: each step's name, unit and formula note),
 * shown by the console's audit and dry run and by the mini-program's action detail.
 */
export const TRACE_STEPS_ZH: Record<string, string> = {
  distance: '距离',
  detour: '绕行距离',
  detourDeduction: '绕行扣减',
  riders: '同乘人数',
  steps: '步数',
  'steps.counted': '计入步数',
  weight: '重量',
  period: '计入期间',
  invoice: '购买凭证',
  creditYear: '计入年度',
  coolingCapacity: '制冷量',
  'labelled.annual': '标称年耗电量',
  'baseline.annual': '基准年耗电量',
  'saving.annual': '年节电量',
  electricity: '用电量',
  cop: '季节能效比（COP）',
  baselineEfficiency: '被替代燃煤炉效率',
  'heat.delivered': '供热量',
  'generation.metered': '计量发电量',
  'generation.greenCertified': '已获绿证电量',
  'generation.credited': '计入发电量',
  'emissions.baseline': '基准排放',
  'emissions.project': '项目排放',
  factor: '减排因子',
  'factor.grid': '电网排放因子',
  'factor.coalHeat': '燃煤供热排放因子',
  detourFactor: '绕行排放因子',
  gross: '毛减排量',
  reduction: '减排量',
  'cap.perAction': '单次上限',
  'cap.perDay': '每日上限',
  'cap.perMonth': '每月上限',
  'cap.selfReportedPerDay': '个人申报每日上限',
};

export const TRACE_UNITS_ZH: Record<string, string> = {
  m: '米',
  km: '公里',
  g: '克',
  kg: '千克',
  W: '瓦',
  kW: '千瓦',
  kWh: '千瓦时',
  persons: '人',
  steps: '步',
  days: '天',
  gCO2: '克二氧化碳',
  gCO2e: '克二氧化碳当量',
  kgCO2: '千克二氧化碳',
  kgCO2e: '千克二氧化碳当量',
  'gCO2e/pkm': '克二氧化碳当量/人公里',
  'gCO2e/km': '克二氧化碳当量/公里',
  'gCO2e/step': '克二氧化碳当量/步',
  'kgCO2e/kg': '千克二氧化碳当量/千克',
  'kgCO2/kWh': '千克二氧化碳/千瓦时',
  'kgCO2e/kWh': '千克二氧化碳当量/千瓦时',
  'tCO2/MWh': '吨二氧化碳/兆瓦时',
};

export const TRACE_NOTES_ZH: Record<string, string> = {
  'baseline − labelled': '基准 − 标称',
  'electricity × COP': '用电量 × 能效比',
  'electricity × EF_grid': '用电量 × 电网排放因子',
  'heat delivered × EF_coal_heat / η × 1000, floored for display only':
    '供热量 × 燃煤供热排放因子 ÷ 燃煤炉效率 × 1000（取整仅用于显示）',
  'metered − green-certified': '计量发电量 − 已获绿证电量',
};

/** A trace step's name in Chinese; one not in the table keeps its name (shown as data). */
export const traceStepZh = (step: string): string | undefined => TRACE_STEPS_ZH[step];
export const traceUnitZh = (unit: string): string | undefined => TRACE_UNITS_ZH[unit];
export const traceNoteZh = (note: string): string | undefined => TRACE_NOTES_ZH[note];
