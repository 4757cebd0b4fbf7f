/**
 * What a person reads: one Chinese sentence per machine code and one display name per methodology,
 * shared by the console, the mini-program and the API's own Chinese messages. Faces show the
 * sentence and keep the code visible (small) for support; a code missing here falls back to a
 * generic sentence, and a spec checks every code the API can send has its own.
 */

/** One name per methodology, used on every page of every face. */
export const METHODOLOGY_NAMES_ZH: Record<string, string> = {
  cycling: '骑行',
  bus: '公交出行',
  metro: '地铁出行',
  walking: '步行',
  carpool: '拼车出行',
  'clothes-recycling': '旧衣物回收',
  'rooftop-pv': '屋顶光伏',
  'heat-pump': '空气源热泵',
  'efficient-ac': '节能空调',
};

export function methodologyNameZh(id: string): string {
  return METHODOLOGY_NAMES_ZH[id] ?? id;
}

/** Error codes of the API (libs/domain ErrorCode). */
export const API_ERROR_SENTENCES_ZH: Record<string, string> = {
  VALIDATION_FAILED: '提交的内容不符合要求，请检查后重试。',
  MALFORMED_JSON: '请求内容格式有误，无法读取。',
  PAYLOAD_TOO_LARGE: '提交的内容过大。',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型。',
  IDEMPOTENCY_KEY_REQUIRED: '请求缺少幂等键（Idempotency-Key）。',
  IDEMPOTENCY_KEY_REUSED: '同一请求编号已用于不同的内容，请勿重复提交。',
  AUTH_REQUIRED: '请先登录。',
  TOKEN_INVALID: '登录状态无效，请重新登录。',
  TOKEN_EXPIRED: '登录已过期，请重新登录。',
  FORBIDDEN: '没有权限进行此操作。',
  NOT_FOUND: '未找到相应内容。',
  ACTION_NOT_FOUND: '未找到这条低碳行为记录。',
  METHODOLOGY_UNKNOWN: '不支持这种低碳行为。',
  METHODOLOGY_NOT_IN_FORCE: '该行为在这个时间或所在区县没有现行的核算方法。',
  ACTION_IN_FUTURE: '行为发生时间不能晚于现在。',
  SELF_REPORT_NOT_ACCEPTED: '这类行为不接受个人申报，需由合作方推送。',
  VERSION_IMMUTABLE: '已发布的版本不能修改，请新建版本。',
  VERSION_NOT_FOUND: '未找到该方法学版本。',
  PARAMS_INVALID: '方法学参数有误，请检查标出的字段。',
  REVIEW_ALREADY_DECIDED: '该审核已处理过。',
  INVALID_CREDENTIALS: '用户名或密码错误。',
  FACTOR_EXISTS: '该排放因子已存在。',
  POOL_INSUFFICIENT: '减排量池余额不足。',
  CAMPAIGN_NOT_FOUND: '未找到该活动。',
  REPLAY_CHECK_UNAVAILABLE: '防重放校验暂不可用，请稍后重试。',
  SIGNATURE_MISSING: '请求缺少签名。',
  SIGNATURE_INVALID: '请求签名无效。',
  TIMESTAMP_OUT_OF_WINDOW: '请求时间与服务器相差过大。',
  NONCE_REPLAYED: '该请求已被使用过（重放）。',
  PARTNER_KEY_UNKNOWN: '未知的合作方密钥。',
  PARTNER_KEY_REVOKED: '该合作方密钥已吊销。',
  PARTNER_NOT_FOUND: '未找到该合作方。',
  PARTNER_EXISTS: '该合作方已存在。',
  PARTNER_DISABLED: '该合作方已停用。',
  TOO_MANY_KEYS: '有效密钥数量已达上限，请先吊销旧密钥。',
  BINDING_NOT_FOUND: '未找到该授权。',
  BINDING_CODE_INVALID: '授权码无效或已过期。',
  BATCH_TOO_LARGE: '一次提交的条数过多。',
  INSUFFICIENT_POINTS: '可用积分不足。',
  HOLD_NOT_FOUND: '未找到该积分冻结。',
  HOLD_ALREADY_RESOLVED: '该积分冻结已处理。',
  HOLD_EXPIRED: '该积分冻结已过期。',
  CONFIRM_EXCEEDS_HOLD: '确认的积分超过冻结的积分。',
  REDEMPTION_NOT_ALLOWED: '该合作方无权兑换积分。',
  REWARD_NOT_FOUND: '未找到该商品。',
  REWARD_UNAVAILABLE: '该商品当前不可兑换。',
  OUT_OF_STOCK: '该商品已兑完。',
  REDEMPTION_LIMIT_REACHED: '已达到该商品的兑换次数上限。',
  ORDER_NOT_FOUND: '未找到该订单。',
  ORDER_ALREADY_RESOLVED: '该订单已处理。',
  DELIVERY_NOT_FOUND: '未找到该推送记录。',
  DISTRICT_UNKNOWN: '请选择山东省内的区县。',
  WECHAT_CODE_INVALID: '微信登录凭证无效或已使用，请重新登录。',
  WECHAT_RATE_LIMITED: '微信登录过于频繁，请稍后再试。',
  WECHAT_USER_BLOCKED: '该微信账号暂不能登录。',
  WECHAT_UNAVAILABLE: '微信服务暂时无法连接，请稍后再试。',
  WECHAT_ERROR: '微信登录失败，请稍后再试。',
  WERUN_DATA_INVALID: '微信运动数据无法解密，请重新同步。',
  WERUN_SESSION_EXPIRED: '微信会话已过期，请重新登录后同步步数。',
  DEV_LOGIN_REFUSED: '正式环境不允许使用开发登录。',
  LEDGER_UNBALANCED: '系统内部错误：账目不平衡，已记录。',
  FRIEND_INVITE_INVALID: '邀请码无效。',
  FRIEND_OF_SELF: '不能添加自己为好友。',
  FRIEND_NOT_FOUND: '未找到该好友。',
  TEAM_NOT_FOUND: '未找到该团队。',
  TEAM_CODE_INVALID: '团队邀请码无效。',
  NOT_TEAM_MEMBER: '你不是该团队的成员。',
  CHALLENGE_EXISTS: '本月挑战已设置。',
  ACCOUNT_DELETED: '该账户已注销。',
  RATE_LIMITED: '操作过于频繁，请稍后再试。',
  REPORT_RANGE_INVALID: '报表时间范围有误。',
  DATABASE_UNAVAILABLE: '服务暂时不可用，请稍后再试。',
  INTERNAL_ERROR: '系统内部错误，请稍后再试。',
};

/** Why an action was refused or rejected: methodology plausibility checks and the worker's rules. */
export const REASON_SENTENCES_ZH: Record<string, string> = {
  DISTANCE_TOO_SHORT: '距离过短，未达到计入标准。',
  DISTANCE_TOO_LONG: '距离超过单次可计入的上限。',
  SPEED_IMPLAUSIBLE: '平均速度超出该出行方式的合理范围。',
  SPEED_TOO_LOW: '平均速度过低，不像一次连续出行。',
  END_BEFORE_START: '结束时间早于开始时间。',
  PERIOD_TOO_LONG: '时间段过长。',
  OUTSIDE_CREDIT_PERIOD: '不在可计入的年限内。',
  OCCUPANTS_OUT_OF_RANGE: '乘车人数不在允许范围内。',
  DETOUR_TOO_LONG: '绕行距离过长。',
  NOT_MORE_EFFICIENT: '能效未优于基准（三级能效），不产生减排量。',
  GENERATION_IMPLAUSIBLE: '发电量超出装机容量的合理范围。',
  CONSUMPTION_IMPLAUSIBLE: '用电量超出合理范围。',
  CAPACITY_NOT_IN_TABLE: '制冷量不在基准表范围内。',
  CAPACITY_TOO_LARGE: '制冷量超出家用空调范围。',
  CERTIFIED_EXCEEDS_METERED: '已获绿证的电量超过了计量电量。',
  WEIGHT_TOO_LOW: '重量低于计入下限。',
  WEIGHT_TOO_HIGH: '重量超过单次计入上限。',
  NO_STEPS: '当天没有步数。',
  EVIDENCE_INSUFFICIENT: '证明材料不足。',
  DATA_IMPLAUSIBLE: '申报数据与实际情况不符，经审核不予认可。',
  DUPLICATE_SUBMISSION: '同一行为已重复申报。',
  NOT_ELIGIBLE: '不符合该方法学的适用条件。',
  INPUT_INVALID: '填写的内容不完整或格式有误。',
  TRIP_OVERLAP: '与已记录的另一次出行时间重叠。',
  DUPLICATE_EVENT: '同一事件已经记录过。',
  PERIOD_OVERLAP: '与同一设备已计入的时间段重叠。',
  EVENT_CLAIMED_BY_ANOTHER_CITIZEN: '该设备或事件已由其他用户申报。',
  SUPERSEDED: '已由合作方核实的同一记录取代。',
  POINTS_RULE_NOT_IN_FORCE: '该时间没有现行的积分规则。',
  QUANTIFICATION_FAILED: '核算失败，已记录待处理。',
  METHODOLOGY_NOT_ALLOWED: '该合作方不能推送这类行为。',
  DUPLICATE_IN_BATCH: '同一批次中重复的事件。',
  EVENT_ID_REUSED: '事件编号已用于不同的内容。',
  COUPONS_EXHAUSTED: '券码已发完。',
  METHODOLOGY_NOT_IN_FORCE: API_ERROR_SENTENCES_ZH.METHODOLOGY_NOT_IN_FORCE!,
  SELF_REPORT_NOT_ACCEPTED: API_ERROR_SENTENCES_ZH.SELF_REPORT_NOT_ACCEPTED!,
};

const FALLBACK = '操作未成功，请稍后再试。';

/** The Chinese sentence for an error or reason code; unknown codes get a generic sentence. */
export function sentenceForCode(code: string | null | undefined): string {
  if (!code) return FALLBACK;
  return API_ERROR_SENTENCES_ZH[code] ?? REASON_SENTENCES_ZH[code] ?? FALLBACK;
}
