import type { Dayjs } from 'dayjs';
import type { ComponentProps } from 'react';
import { CstDatePicker } from './cst-picker';

/** A form rule for a time range: the end comes after the start. */
export const endAfterStart = {
  validator: (_: unknown, range?: [Dayjs, Dayjs]) =>
    !range || range[1].isAfter(range[0])
      ? Promise.resolve()
      : Promise.reject(new Error('结束时间必须晚于开始时间')),
};

/** A start–end picker to the minute, as the console's forms enter periods (Beijing time: send with toApi). */
export function TimeRangePicker(props: ComponentProps<typeof CstDatePicker.RangePicker>) {
  return (
    <CstDatePicker.RangePicker
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      style={{ width: '100%' }}
      {...props}
    />
  );
}
