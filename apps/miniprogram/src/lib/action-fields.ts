import type { ACTION_SCHEMAS } from '../api/generated/action-schemas';
import type { FieldUi } from './action-form';

type Methodology = keyof typeof ACTION_SCHEMAS;
type FieldName = { [M in Methodology]: keyof (typeof ACTION_SCHEMAS)[M]['properties'] }[Methodology];

const kWh = (label: string): FieldUi => ({ label, unit: '千瓦时', hint: '数字，最多三位小数' });
const serial = (label: string, hint: string): FieldUi => ({ label, hint: `${hint}（字母、数字、. _ : -）` });

/**
 * How to ask for each field of the methodology inputs. Typed by the generated schemas: a field the
 * API adds without a line here fails `npm run typecheck`.
 */
export const FIELD_UI: Record<FieldName, FieldUi> = {
  mode: { label: '车型', options: { bike: '自行车 / 共享单车', ebike: '电动自行车' } },
  distanceM: { label: '距离', unit: '公里', scale: 1000, hint: '以公里为单位，可带小数，例如 5 或 3.2' },
  startedAt: { label: '出发时间', hint: '年-月-日 时:分（北京时间）', minutesAgo: 30 },
  endedAt: { label: '到达时间', hint: '年-月-日 时:分（北京时间）' },
  detourM: { label: '为接送同车人绕行的距离', unit: '公里', scale: 1000, hint: '没有绕行填 0' },
  occupants: { label: '车上人数（含司机）', unit: '人' },
  weightG: { label: '衣物重量', unit: '千克', scale: 1000, hint: '以回收小票上的称重为准，例如 2.5' },
  droppedAt: { label: '投放时间', hint: '年-月-日 时:分（北京时间）' },
  receiptId: serial('回收小票编号', '回收箱或回收员出具的小票上的编号'),
  date: { label: '日期', hint: '年-月-日' },
  steps: { label: '步数', unit: '步' },
  periodStart: { label: '计量开始日期', hint: '年-月-日' },
  periodEnd: { label: '计量结束日期', hint: '年-月-日' },
  meterSerial: serial('发电电表编号', '电表铭牌上的编号'),
  meteredKWh: kWh('计量发电量'),
  greenCertifiedKWh: kWh('已核发绿证的电量'),
  installedKW: { label: '装机容量', unit: '千瓦', hint: '数字，最多三位小数' },
  deviceSerial: serial('热泵设备编号', '机身铭牌上的编号'),
  consumedKWh: kWh('热泵耗电量'),
  unitSerial: serial('空调机身编号', '室外机铭牌上的编号'),
  invoiceId: serial('购机发票号', '发票上的号码'),
  purchasedOn: { label: '购买日期', hint: '年-月-日' },
  creditYear: { label: '计入年度', unit: '年' },
  coolingCapacityW: { label: '额定制冷量', unit: '瓦' },
  labelledAnnualKWh: kWh('能效标识上的年耗电量'),
  // Partner-verified actions (flat credits, household power): shown when a partner's record is explained.
  occurredAt: { label: '发生时间', hint: '年-月-日 时:分（北京时间）' },
  eventId: serial('核验记录编号', '合作方系统中的记录编号'),
  month: { label: '月份', hint: '年-月，例如 2026-11' },
  accountId: serial('用电户号', '电费账单上的户号'),
  baselineKWh: kWh('去年同月用电量'),
};

/** Energy data normally comes from the grid company or the installer; a citizen's own report is reviewed. */
export const PARTNER_PUSHED: ReadonlySet<string> = new Set(['rooftop-pv', 'heat-pump', 'efficient-ac']);

/** Self-reports a person checks before they count. */
export const REVIEWED: ReadonlySet<string> = new Set([
  'clothes-recycling',
  'rooftop-pv',
  'heat-pump',
  'efficient-ac',
]);

/** The order of the 记录 page: everyday trips first. */
export const METHODOLOGY_ORDER: readonly Methodology[] = [
  'cycling',
  'bus',
  'metro',
  'carpool',
  'clothes-recycling',
  'walking',
  'rooftop-pv',
  'heat-pump',
  'efficient-ac',
];
