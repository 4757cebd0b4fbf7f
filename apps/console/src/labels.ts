/** Chinese names for the API's identifiers, shared by every console page. */

/** One name per methodology, from the table every face shares (libs/contracts messages-zh). */
export { METHODOLOGY_NAMES_ZH as METHODOLOGY_LABELS, methodologyNameZh as methodologyLabel } from './locale';

export { DISTRICTS as DISTRICT_LABELS, districtLabel } from './districts';

export const VERSION_STATUS_LABELS: Record<string, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'gold' },
  published: { label: '已发布', color: 'green' },
  retired: { label: '已撤回', color: 'default' },
};

export const ACTION_STATUS_LABELS: Record<string, { label: string; color: string }> = {
  received: { label: '已接收', color: 'default' },
  quantified: { label: '已量化', color: 'blue' },
  settled: { label: '已结算', color: 'green' },
  rejected: { label: '已驳回', color: 'red' },
  review: { label: '待审核', color: 'gold' },
};

/** 'self' is a citizen's own report; anything else names the partner that reported the action. */
export const sourceLabel = (source: string): string => (source === 'self' ? '市民自报' : `合作方 ${source}`);

/** Ledger account kinds (libs/ledger AccountKind). */
export const ACCOUNT_KIND_LABELS: Record<string, string> = {
  citizen_carbon: '市民减排量',
  citizen_points: '市民积分',
  points_issuance: '积分发行',
  reduction_pool: '减排量池',
  retired_reductions: '已注销减排量',
  expired_points: '过期积分',
  points_held: '冻结积分',
  partner_clearing: '合作方清算',
  donations: '捐赠',
};

export const ASSET_LABELS: Record<string, string> = { CO2E_G: '减排量（克）', POINTS: '积分' };
