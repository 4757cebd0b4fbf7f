import { Picker, Text, View } from '@tarojs/components';
import { Field } from './ui';

/**
 * A day, or a day and a time, in China time ("2026-11-20" / "2026-11-20 08:05"). WeChat gets its
 * native date and time pickers; H5 a labelled text field with the format as its hint.
 */
export function WhenField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  withTime: boolean;
  hint?: string;
  error?: string;
}) {
  const { id, label, value, onInput, withTime, hint, error } = props;
  if (process.env.TARO_ENV === 'h5')
    return <Field id={id} label={label} value={value} onInput={onInput} hint={hint} error={error} />;
  const [day = '', time = ''] = value.split(' ');
  const join = (nextDay: string, nextTime: string) => (withTime ? `${nextDay} ${nextTime}` : nextDay);
  return (
    <View className="field">
      <Text className="field-label">{label}</Text>
      <View className="choice-row">
        <Picker mode="date" value={day} onChange={(event) => onInput(join(String(event.detail.value), time))}>
          <View className="choice" aria-label={`${label}：日期 ${day}`}>
            {day || '选择日期'}
          </View>
        </Picker>
        {withTime ? (
          <Picker
            mode="time"
            value={time}
            onChange={(event) => onInput(join(day, String(event.detail.value)))}
          >
            <View className="choice" aria-label={`${label}：时间 ${time}`}>
              {time || '选择时间'}
            </View>
          </Picker>
        ) : null}
      </View>
      {error ? (
        <View className="field-error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}
