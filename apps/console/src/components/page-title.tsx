import { Space, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page's one h1 (sized like a section title), with optional controls beside it that wrap on a phone. */
export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <Space wrap align="center" style={{ marginBottom: 16 }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 20 }}>
        {children}
      </Typography.Title>
      {extra}
    </Space>
  );
}
