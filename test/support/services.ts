import type { AppConfig } from '@app/config';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { createWorker } from '../../apps/worker/src/bootstrap.js';
import { ContractCheck } from './contract.js';

export interface HttpResult<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** The real API application, driven through Fastify's injection (the full request pipeline, no socket). */
export class ApiUnderTest {
  private contract?: ContractCheck;

  private constructor(readonly app: NestFastifyApplication) {}

  static async start(config: AppConfig, options: Parameters<typeof createApiApp>[1] = {}): Promise<ApiUnderTest> {
    return new ApiUnderTest(await createApiApp(config, options));
  }

  async request<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined || options.rawBody !== undefined)
      headers['content-type'] ??= 'application/json';
    const response = await this.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method,
        url,
        headers,
        payload: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      });
    const text = response.body;
    const body = (text ? JSON.parse(text) : undefined) as T;
    // Every answer of every e2e test is checked against the OpenAPI document the clients are generated from.
    const problems = (await this.contractCheck()).problems(
      method,
      url,
      response.statusCode,
      response.headers['content-type'],
      body,
    );
    if (problems.length) throw new Error(`the answer breaks the OpenAPI document:\n${problems.join('\n')}`);
    return { status: response.statusCode, body, headers: response.headers };
  }

  private async contractCheck(): Promise<ContractCheck> {
    if (!this.contract) {
      const served = await this.app
        .getHttpAdapter()
        .getInstance()
        .inject({ method: 'GET', url: '/docs/openapi.json' });
      this.contract = new ContractCheck(JSON.parse(served.body));
    }
    return this.contract;
  }

  async login(name: string, districtCode?: string): Promise<{ token: string; citizenId: string }> {
    const response = await this.request<{ accessToken: string; citizenId: string }>(
      'POST',
      '/v1/auth/wechat',
      {
        body: { code: `dev:${name}`, ...(districtCode ? { districtCode } : {}) },
      },
    );
    if (response.status !== 200)
      throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
    return { token: response.body.accessToken, citizenId: response.body.citizenId };
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

export function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  return createWorker(config);
}

/** Polls until the check returns a value other than undefined, or fails after the timeout. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last !== undefined) return last;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
