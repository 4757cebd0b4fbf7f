import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiError, typed, unwrap } from './api';
import { session } from './session';

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
      setError(caught instanceof ApiError && caught.status === 401 ? '用户名或密码错误' : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: '15vh' }}>
      <Card title="碳普惠管理控制台 · 登录" style={{ width: 380 }}>
        {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={signIn}>
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
      </Card>
    </div>
  );
}
