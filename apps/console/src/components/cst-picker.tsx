import dayjsGenerateConfig from '@rc-component/picker/generate/dayjs';
import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { cstNow } from '../cst';

/**
 * antd's DatePicker (and .RangePicker) with the same dayjs config antd uses, except that its "now"
 * (the 此刻 button, the highlighted today, the month it opens on) is the CST wall clock, as every
 * value in it is: convert with fromApi/toApi (../cst) at the edges.
 */
export const CstDatePicker = DatePicker.generatePicker<Dayjs>({ ...dayjsGenerateConfig, getNow: cstNow });
