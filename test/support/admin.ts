import { createAdmin, dataSourceOptions } from '@app/persistence';
import { DataSource } from 'typeorm';
import type { TestEnvironment } from './environment.js';
import type { ApiUnderTest } from './services.js';

export const ADMIN = { username: 'bureau-admin', password: 'correct horse battery staple' };
export const AUDITOR = { username: 'bureau-auditor', password: 'auditor password 123' };

/** Environment overrides that make the API create the first admin at start. */
export const adminBootstrapEnv = {
  ADMIN_BOOTSTRAP_USERNAME: ADMIN.username,
  ADMIN_BOOTSTRAP_PASSWORD: ADMIN.password,
};

export async function createAuditor(env: TestEnvironment): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(env.config())).initialize();
  try {
    await createAdmin(dataSource, AUDITOR.username, AUDITOR.password, 'auditor');
  } finally {
    await dataSource.destroy();
  }
}

export async function adminToken(
  api: ApiUnderTest,
  who: { username: string; password: string },
): Promise<string> {
  const response = await api.request<{ accessToken: string }>('POST', '/admin/v1/auth/login', { body: who });
  if (response.status !== 200)
    throw new Error(`admin login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.accessToken;
}
