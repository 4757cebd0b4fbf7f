import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiError, typed, unwrap } from './api';
import { sentenceForCode } from './locale';
import { session } from './session';

/**
 * The sign-in form. It is the first thing every officer loads, so it keeps to a few light antd
 * components (no Card, no Typography): the shell and the pages come in their own chunks afterwards.
 */
export function LoginPage() {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const signIn = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const token = await unwrap(typed.POST('/admin/v1/auth/login', { body: values }));
      session.save({
        accessToken: token.accessToken,
        role: token.role,
        username: values.username,
        expiresAt: Date.now() + token.expiresIn * 1000,
      });
    } catch (caught) {
      setError(caught instanceof ApiError ? sentenceForCode(caught.code) : '无法连接服务器，请稍后重试。');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ display: 'flex', justifyContent: 'center', padding: '15vh 12px 0' }}>
      <section
        style={{
          width: 380,
          maxWidth: '100%',
          padding: 24,
          background: '#fff',
          border: '1px solid #f0f0f0',
          borderRadius: 8,
        }}
      >
        <h1 style={{ fontSize: 20, fontWeight: 600, margin: '0 0 16px' }}>碳普惠管理控制台 · 登录</h1>
        {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={signIn} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            登录
          </Button>
        </Form>
      </section>
    </main>
  );
}
