import { Typography } from 'antd';

/** Read-only JSON, pretty-printed and copyable. */
export function JsonView({
  value,
  testId,
  maxHeight = 360,
}: {
  value: unknown;
  testId?: string;
  maxHeight?: number;
}) {
  const text = value === undefined ? '—' : JSON.stringify(value, null, 2);
  return (
    <Typography.Paragraph copyable={{ text }} style={{ marginBottom: 0 }}>
      <pre data-testid={testId} style={{ maxHeight, overflow: 'auto', margin: 0, fontSize: 12 }}>
        {text}
      </pre>
    </Typography.Paragraph>
  );
}
