import type { INestApplicationContext } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { ADMIN, AUDITOR, adminBootstrapEnv, adminToken, createAuditor } from './admin.js';
import { TestEnvironment } from './environment.js';
import { ApiUnderTest, startWorker } from './services.js';

export interface StackOptions {
  /** Overrides for the API's environment (over the bootstrap admin's, with `admin`). */
  apiEnv?: Record<string, string>;
  /** Overrides for every worker's environment. */
  workerEnv?: Record<string, string>;
  /** How many workers to start (default 1; 0 tests the API alone). */
  workers?: number;
  /** Also listen on a port of 127.0.0.1, for clients that go through fetch: gives `baseUrl`. */
  listen?: boolean;
  /** Start the API with the bootstrap admin and sign it in: gives `admin`. */
  admin?: boolean;
  /** Create the auditor and sign it in: gives `auditor`. */
  auditor?: boolean;
}

/** One test file's API and workers on their own TestEnvironment; stop() ends them all. */
export class TestStack {
  readonly workers: INestApplicationContext[] = [];
  private started?: ApiUnderTest;
  private url?: string;
  private readonly tokens: { admin?: string; auditor?: string } = {};

  private constructor(readonly env: TestEnvironment) {}

  /**
   * Starts the stack in the order the specs rely on: the API; the auditor after it (the bootstrap
   * admin is only created into an empty table); the workers; the sign-ins last, so that they come
   * before any test spends the address's anonymous rate-limit budget. A failed start stops what it
   * started.
   */
  static async start(options: StackOptions = {}): Promise<TestStack> {
    const env = await TestEnvironment.create();
    const stack = new TestStack(env);
    try {
      const apiEnv = options.admin ? { ...adminBootstrapEnv, ...options.apiEnv } : options.apiEnv;
      const api = await ApiUnderTest.start(env.config(apiEnv));
      stack.started = api;
      if (options.listen) {
        await api.app.listen({ port: 0, host: '127.0.0.1' });
        stack.url = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
      }
      if (options.auditor) await createAuditor(env);
      for (let i = 0; i < (options.workers ?? 1); i++)
        stack.workers.push(await startWorker(env.config(options.workerEnv)));
      if (options.admin) stack.tokens.admin = await adminToken(api, ADMIN);
      if (options.auditor) stack.tokens.auditor = await adminToken(api, AUDITOR);
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return stack;
  }

  get api(): ApiUnderTest {
    return present(this.started, 'an API');
  }

  get worker(): INestApplicationContext {
    return present(this.workers[0], 'a worker');
  }

  get baseUrl(): string {
    return present(this.url, 'listening (listen: true)');
  }

  get admin(): string {
    return present(this.tokens.admin, 'the admin signed in (admin: true)');
  }

  get auditor(): string {
    return present(this.tokens.auditor, 'the auditor signed in (auditor: true)');
  }

  async stop(): Promise<void> {
    try {
      for (const worker of this.workers) await worker.close();
      await this.started?.close();
    } finally {
      await this.env.dispose();
    }
  }
}

function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the stack was started without ${what}`);
  return value;
}
