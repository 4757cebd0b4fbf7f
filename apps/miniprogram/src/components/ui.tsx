import { Button, Input, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

const isH5 = process.env.TARO_ENV === 'h5';

/**
 * What makes a Taro view act as a control in H5, where it renders as a div: a role, a place in the
 * tab order, and Enter/Space pressing it. (Taro's view types do not list these DOM attributes.)
 */
export function pressable(onPress: () => void, role = 'button'): Record<string, unknown> {
  if (!isH5) return { role };
  return {
    role,
    tabIndex: 0,
    onKeyDown: (event: { key?: string; preventDefault?: () => void }) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault?.();
        onPress();
      }
    },
  };
}

/** A button reachable by keyboard in H5 (Taro's H5 button is a div): Enter and Space press it. */
export function Btn(props: {
  children: ReactNode;
  onClick: () => void;
  kind?: 'primary' | 'plain' | 'danger';
  disabled?: boolean;
  label?: string;
  testId?: string;
}) {
  const { children, onClick, kind = 'primary', disabled = false, label, testId } = props;
  const press = () => {
    if (!disabled) onClick();
  };
  const keyboard = disabled ? { role: 'button', 'aria-disabled': 'true' } : pressable(press);
  return (
    <Button
      className={`btn btn-${kind}${disabled ? ' btn-disabled' : ''}`}
      disabled={disabled}
      onClick={press}
      aria-label={label}
      data-testid={testId}
      {...keyboard}
    >
      {children}
    </Button>
  );
}

/** A labelled text field: the visible label is also the input's accessible name. */
export function Field(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  error?: string;
  type?: 'text' | 'number' | 'digit';
  placeholder?: string;
  maxlength?: number;
}) {
  const { id, label, value, onInput, hint, error, type = 'text', placeholder, maxlength } = props;
  return (
    <View className="field">
      <Text className="field-label" id={`${id}-label`}>
        {label}
      </Text>
      <Input
        id={id}
        className={`field-input${error ? ' field-input-error' : ''}`}
        type={type}
        value={value}
        placeholder={placeholder}
        maxlength={maxlength}
        aria-label={label}
        aria-invalid={error ? 'true' : undefined}
        onInput={(event) => onInput(event.detail.value)}
      />
      {hint && !error ? <Text className="field-hint">{hint}</Text> : null}
      {error ? (
        <View className="field-error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}

/** One choice among a few, as a row of toggle buttons. */
export function Choice<T extends string>(props: {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  const { label, value, options, onChange } = props;
  return (
    <View className="field" role="radiogroup" aria-label={label}>
      <Text className="field-label">{label}</Text>
      <View className="choice-row">
        {options.map((option) => {
          const selected = option.value === value;
          return (
            <View
              key={option.value}
              className={`choice${selected ? ' choice-selected' : ''}`}
              aria-checked={selected ? 'true' : 'false'}
              onClick={() => onChange(option.value)}
              {...pressable(() => onChange(option.value), 'radio')}
            >
              {option.label}
            </View>
          );
        })}
      </View>
    </View>
  );
}

export function Card(props: { title?: string; children: ReactNode; className?: string; testId?: string }) {
  return (
    <View className={`card ${props.className ?? ''}`} data-testid={props.testId}>
      {props.title ? (
        <View className="card-title" role="heading" aria-level={2}>
          {props.title}
        </View>
      ) : null}
      {props.children}
    </View>
  );
}

/** A failure (role alert) or a confirmation (role status), in Chinese. */
export function Notice(props: { error?: string; success?: string }) {
  if (props.error)
    return (
      <View className="notice notice-error" role="alert">
        {props.error}
      </View>
    );
  if (props.success)
    return (
      <View className="notice notice-success" role="status">
        {props.success}
      </View>
    );
  return null;
}

export function Loading(props: { loading: boolean; error?: string; empty?: boolean; emptyText?: string }) {
  if (props.error) return <Notice error={props.error} />;
  if (props.loading) return <View className="muted">加载中…</View>;
  if (props.empty) return <View className="muted">{props.emptyText ?? '暂无内容'}</View>;
  return null;
}

export function Row(props: { label: string; value: ReactNode; testId?: string }) {
  return (
    <View className="row">
      <Text className="row-label">{props.label}</Text>
      <Text className="row-value" data-testid={props.testId}>
        {props.value}
      </Text>
    </View>
  );
}
