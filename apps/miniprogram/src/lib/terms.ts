/**
 * Names the citizen reads for statuses and ledger postings. Error and reason codes are not here:
 * their sentences come from libs/contracts (sentenceForCode), shared by every face.
 */

export const ACTION_STATUS_ZH: Record<string, string> = {
  received: '已提交，等待核算',
  quantified: '已核算，等待入账',
  settled: '已入账',
  rejected: '未通过',
  review: '人工审核中',
};

export function actionStatusZh(status: string): string {
  return ACTION_STATUS_ZH[status] ?? '处理中';
}

/** What a ledger posting was, by its reason code. */
export const LEDGER_REASON_ZH: Record<string, string> = {
  ACTION_SETTLED: '低碳行为入账',
  POINTS_EXPIRED: '积分过期',
  POINTS_HELD: '合作方冻结积分',
  HOLD_CONFIRMED: '合作方兑换积分',
  HOLD_CANCELLED: '冻结积分退回',
  HOLD_EXPIRED: '冻结到期退回',
  POINTS_DONATED: '积分捐赠',
  POINTS_REDEEMED: '积分商城兑换',
  REDEMPTION_REFUNDED: '兑换失败退回积分',
  REDUCTIONS_RETIRED: '减排量注销',
  ACTION_REPLACED: '同一天的记录更新',
};

export function ledgerReasonZh(reason: string): string {
  return LEDGER_REASON_ZH[reason] ?? '账户变动';
}

export const CAP_ZH: Record<string, string> = {
  perAction: '单次',
  perDay: '每日',
  perMonth: '每月',
  selfReportedPerDay: '个人申报每日',
};

export const ORDER_STATUS_ZH: Record<string, string> = {
  pending: '待发放',
  fulfilled: '已发放',
  failed: '发放失败（积分已退回）',
  cancelled: '已取消（积分已退回）',
};

export const BINDING_STATUS_ZH: Record<string, string> = {
  pending: '待合作方确认',
  active: '已授权',
  revoked: '已解除',
};

export const WERUN_DAY_STATUS_ZH: Record<string, string> = {
  recorded: '已记录',
  replaced: '已更新',
  unchanged: '无变化',
  skipped: '未计入',
};

export const TEAM_KIND_ZH: Record<string, string> = {
  community: '社区',
  school: '学校',
  workplace: '单位',
  other: '其他',
};

export const DONATION_TARGET_ZH: Record<string, string> = {
  'tree-planting': '植树造林',
  charity: '公益慈善',
};

/** The everyday equivalents (libs/domain EQUIVALENTS) in Chinese, with their sources said plainly. */
export const EQUIVALENT_ZH: Record<string, { label: string; unit: string; source: string }> = {
  'tree-years': {
    label: '相当于树木一年的吸收量',
    unit: '棵树',
    source: '暂定值：一棵幼龄阔叶树一年约吸收 18.3 千克二氧化碳（植树公益常用数字，尚无统一的规范来源）',
  },
  'car-km': {
    label: '相当于少开燃油车',
    unit: '公里',
    source:
      '暂定值：乘用车平均油耗 7.9 升/百公里 × 每升汽油 2.32 千克二氧化碳 ≈ 183 克/公里，待采用省级数值后替换',
  },
  'grid-kwh': {
    label: '相当于少用电网电量',
    unit: '千瓦时',
    source:
      '公布值：2022 年全国电网排放因子 0.5366 千克二氧化碳/千瓦时（生态环境部、国家统计局 2024 年第 12 号公告）',
  },
};
