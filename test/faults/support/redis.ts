import { Redis } from 'ioredis';
import { ManagedProcess, freePort, sleep } from './processes.js';

/**
 * A private Redis for one test file (no persistence: a restart is an empty Redis, like a flush), a
 * child process that can be killed, restarted on the same port, and flushed. Never the machine's 6379.
 */
export class PrivateRedis {
  private server?: ManagedProcess;
  private starts = 0;

  private constructor(readonly port: number) {}

  /** On `port` when given (a test's own range), else on a free port the kernel picks. */
  static async create(port?: number): Promise<PrivateRedis> {
    const redis = new PrivateRedis(port ?? (await freePort()));
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return !!this.server?.running;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.starts += 1;
    this.server = new ManagedProcess(`redis#${this.starts}`, 'redis-server', [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
    ]);
    const deadline = Date.now() + 20_000;
    while (!(await this.ping())) {
      if (!this.server.running) throw new Error(`private Redis exited during start:\n${this.server.tail()}`);
      if (Date.now() > deadline) throw new Error(`private Redis not ready:\n${this.server.tail()}`);
      await sleep(50);
    }
  }

  /** Kills the server (SIGKILL: nothing is saved anyway). */
  async stop(): Promise<void> {
    await this.server?.kill('SIGKILL');
  }

  async flushAll(): Promise<void> {
    await this.withClient((client) => client.flushall());
  }

  async dispose(): Promise<void> {
    await this.stop();
  }

  private async ping(): Promise<boolean> {
    try {
      return (await this.withClient((client) => client.ping())) === 'PONG';
    } catch {
      return false;
    }
  }

  private async withClient<T>(fn: (client: Redis) => Promise<T>): Promise<T> {
    const client = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      connectTimeout: 1_000,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await fn(client);
    } finally {
      client.disconnect();
    }
  }
}
