import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A throwaway Redis Cluster of masters only (no replicas) on the given ports of 127.0.0.1, for tests:
 * no persistence, its files in a temporary directory. stop() shuts every node down and removes the
 * directory, and is safe to call after a failed start.
 */
export class RedisClusterUnderTest {
  private constructor(
    readonly ports: number[],
    private readonly dir: string,
  ) {}

  /** REDIS_CLUSTER_NODES for the services under test. */
  get nodes(): string {
    return this.ports.map((port) => `127.0.0.1:${port}`).join(',');
  }

  static async start(ports: number[]): Promise<RedisClusterUnderTest> {
    const cluster = new RedisClusterUnderTest(ports, await mkdtemp(join(tmpdir(), 'carbon-redis-cluster-')));
    try {
      // A node left behind by an interrupted run on these ports would join the wrong cluster.
      await cluster.shutdownNodes();
      for (const port of ports) {
        await run('redis-server', [
          '--cluster-enabled',
          'yes',
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--cluster-config-file',
          join(cluster.dir, `nodes-${port}.conf`),
          '--save',
          '',
          '--appendonly',
          'no',
          '--daemonize',
          'yes',
          '--dir',
          cluster.dir,
          '--pidfile',
          join(cluster.dir, `redis-${port}.pid`),
          '--logfile',
          join(cluster.dir, `redis-${port}.log`),
        ]);
      }
      await cluster.until(async () => {
        for (const port of ports) if ((await cluster.cli(port, 'ping')).trim() !== 'PONG') return false;
        return true;
      }, 'the nodes answer PING');
      await run('redis-cli', [
        '--cluster',
        'create',
        ...ports.map((port) => `127.0.0.1:${port}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ]);
      await cluster.until(async () => {
        for (const port of ports)
          if (!(await cluster.cli(port, 'cluster', 'info')).includes('cluster_state:ok')) return false;
        return true;
      }, 'cluster_state:ok on every node');
      return cluster;
    } catch (error) {
      await cluster.stop();
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new Error(
          'the Redis Cluster test needs redis-server and redis-cli (apt-get install redis-server)',
          { cause: error },
        );
      throw error;
    }
  }

  /** One redis-cli command against one node; its output (an error's output is returned too). */
  async cli(port: number, ...args: string[]): Promise<string> {
    try {
      return (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args])).stdout;
    } catch (error) {
      return String((error as { stdout?: string }).stdout ?? '');
    }
  }

  /** The keys one node holds that match the pattern (each master holds only its own slots). */
  async keysOn(port: number, pattern: string): Promise<string[]> {
    const out = await this.cli(port, '--scan', '--pattern', pattern);
    return out.split('\n').filter(Boolean);
  }

  async stop(): Promise<void> {
    try {
      await this.shutdownNodes();
    } finally {
      await rm(this.dir, { recursive: true, force: true });
    }
  }

  private async shutdownNodes(): Promise<void> {
    await Promise.all(this.ports.map((port) => this.cli(port, 'shutdown', 'nosave')));
  }

  private async until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the Redis Cluster did not come up: ${what} within ${timeoutMs} ms`);
  }
}
