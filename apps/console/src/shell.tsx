import { App as AntApp, Button, Drawer, Grid, Layout, Menu, Skeleton, Space } from 'antd';
import { Suspense, useState } from 'react';
import { PAGES } from './pages/index';
import { navigate, segmentsAfter, useHashPath } from './router';
import { session, type Session } from './session';
import { ToneTag } from './components/tone-tag';

const ROLE_LABEL = { admin: '管理员', auditor: '审计员（只读）' } as const;
const BRAND = '碳普惠管理控制台';

function Navigation({ selected, onPick }: { selected: string; onPick: () => void }) {
  return (
    <nav aria-label="主菜单">
      <div style={{ padding: '16px 16px 8px', fontWeight: 600, fontSize: 16 }}>{BRAND}</div>
      <Menu
        mode="inline"
        selectedKeys={[selected]}
        items={PAGES.map((candidate) => ({ key: candidate.path, label: candidate.label }))}
        onClick={({ key }) => {
          navigate(key);
          onPick();
        }}
      />
    </nav>
  );
}

/** The signed-in shell: a side menu on a wide screen, a drawer behind a menu button on a phone. */
export function Shell({ signedIn }: { signedIn: Session }) {
  const path = useHashPath();
  const wide = Grid.useBreakpoint().md ?? true;
  const [menuOpen, setMenuOpen] = useState(false);

  const page =
    PAGES.find((candidate) => path === candidate.path || path.startsWith(candidate.path + '/')) ?? PAGES[0];
  const Page = page.component;
  const navigation = <Navigation selected={page.path} onPick={() => setMenuOpen(false)} />;
  // antd's App (message, notification, modal for the pages) lives here: the login page needs none.
  return (
    <AntApp>
      <Layout style={{ minHeight: '100vh' }}>
        {wide && (
          <Layout.Sider width={200} theme="light" className="no-print">
            {navigation}
          </Layout.Sider>
        )}
        {!wide && (
          <Drawer
            placement="left"
            size={240}
            open={menuOpen}
            onClose={() => setMenuOpen(false)}
            title="菜单"
            closable={{ 'aria-label': '关闭菜单' }}
            styles={{ body: { padding: 0 } }}
          >
            {navigation}
          </Drawer>
        )}
        <Layout style={{ minWidth: 0 }}>
          <Layout.Header
            className="no-print"
            style={{
              background: '#fff',
              padding: '0 16px',
              display: 'flex',
              justifyContent: wide ? 'flex-end' : 'space-between',
              alignItems: 'center',
            }}
          >
            {!wide && (
              <Button onClick={() => setMenuOpen(true)} aria-expanded={menuOpen} data-testid="menu-toggle">
                菜单
              </Button>
            )}
            <Space>
              <span data-testid="signed-in-user" translate="no">
                {signedIn.username}
              </span>
              <ToneTag tone={signedIn.role === 'admin' ? 'green' : 'blue'}>
                {ROLE_LABEL[signedIn.role]}
              </ToneTag>
              <Button onClick={() => session.clear()}>退出</Button>
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: wide ? 24 : 12, minWidth: 0 }}>
            <main>
              <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
                <Page key={page.path} segments={segmentsAfter(path, page.path)} />
              </Suspense>
            </main>
          </Layout.Content>
        </Layout>
      </Layout>
    </AntApp>
  );
}
