import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ComponentProps } from 'react';

/** The picker's wall-clock time read as China Standard Time (no DST), whatever the browser's zone. */
export const beijingTime = (value: Dayjs): string => `${value.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;

/** A form rule for a time range: the end comes after the start. */
export const endAfterStart = {
  validator: (_: unknown, range?: [Dayjs, Dayjs]) =>
    !range || range[1].isAfter(range[0])
      ? Promise.resolve()
      : Promise.reject(new Error('结束时间必须晚于开始时间')),
};

/** A start–end picker to the minute, as the console's forms enter periods (read as Beijing time). */
export function TimeRangePicker(props: ComponentProps<typeof DatePicker.RangePicker>) {
  return (
    <DatePicker.RangePicker
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      style={{ width: '100%' }}
      {...props}
    />
  );
}
