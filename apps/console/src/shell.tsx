import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useSyncExternalStore } from 'react';
import { LoginPage } from './login-page';
import { PAGES } from './pages/index';
import { navigate, segmentsAfter, useHashPath } from './router';
import { session } from './session';

const ROLE_LABEL = { admin: '管理员', auditor: '审计员（只读）' } as const;

export function App() {
  const current = useSyncExternalStore(session.subscribe, () =>
    sessionStorage.getItem('carbon-console-session'),
  );
  const path = useHashPath();
  const signedIn = current ? session.current() : undefined;
  if (!signedIn) return <LoginPage />;

  const page =
    PAGES.find((candidate) => path === candidate.path || path.startsWith(candidate.path + '/')) ?? PAGES[0];
  const Page = page.component;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} theme="light" className="no-print">
        <Typography.Title level={5} style={{ padding: '16px 16px 0' }}>
          碳普惠管理控制台
        </Typography.Title>
        <Menu
          mode="inline"
          selectedKeys={[page.path]}
          items={PAGES.map((candidate) => ({ key: candidate.path, label: candidate.label }))}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="no-print" style={{ background: '#fff', textAlign: 'right' }}>
          <Space>
            <span data-testid="signed-in-user">{signedIn.username}</span>
            <Tag color={signedIn.role === 'admin' ? 'green' : 'blue'}>{ROLE_LABEL[signedIn.role]}</Tag>
            <Button onClick={() => session.clear()}>退出</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Page key={page.path} segments={segmentsAfter(path, page.path)} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
