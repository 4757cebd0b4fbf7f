import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { HttpClient } from './http.js';
import { PrivatePostgres } from './postgres.js';
import { ManagedProcess, describeExit, freePort, killAllProcesses, run, sleep } from './processes.js';
import { PrivateRedis } from './redis.js';

const ROOT = process.cwd();
const DATABASE = 'carbon';

/** The three entry points, in a snapshot of dist/. */
interface Build {
  dir: string;
  api: string;
  worker: string;
  cli: string;
}

/**
 * A private copy of dist/ (npm run test:faults builds it first), so a rebuild of the shared checkout
 * while a scenario runs (tsc rewrites dist/ and tsc-alias fixes its imports a moment later) cannot
 * hand a restarted worker half-built files. node_modules is linked beside it and package.json says
 * "type": "module", as in the checkout.
 */
async function snapshotDist(): Promise<Build> {
  const source = resolve(ROOT, 'dist');
  const entries = {
    api: 'apps/api/src/main.js',
    worker: 'apps/worker/src/main.js',
    cli: 'apps/cli/src/main.js',
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    const dir = mkdtempSync(join(tmpdir(), 'carbon-faults-dist-'));
    try {
      cpSync(source, join(dir, 'dist'), { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
      symlinkSync(resolve(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      const paths = Object.fromEntries(
        Object.entries(entries).map(([name, path]) => [name, join(dir, 'dist', path)]),
      ) as Omit<Build, 'dir'>;
      const problem = Object.values(paths).some((p) => !existsSync(p))
        ? 'entry points missing'
        : unaliased(join(dir, 'dist'));
      if (!problem) return { dir, ...paths };
      rmSync(dir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`dist/ is not usable (${problem}): run npm run build`);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    await sleep(2_000); // a build is in progress: wait for tsc-alias
  }
}

/** The first compiled file that still imports an @app/ alias, if any (a build half done). */
function unaliased(dir: string): string | undefined {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = join(entry.parentPath, entry.name);
    if (/from ['"]@app\//.test(readFileSync(file, 'utf8'))) return `${file} imports @app/ aliases`;
  }
  return undefined;
}

/** Progress lines for the CI log, printed at once (not buffered like Jest's console). */
export function log(message: string): void {
  process.stdout.write(`[faults] ${message}\n`);
}

export interface ApiProcess {
  process: ManagedProcess;
  client: HttpClient;
  port: number;
}

/**
 * One test file's private world: its own PostgreSQL cluster and Redis, and the API and worker
 * processes (built into dist/) it starts against them. dispose() kills whatever is still running and
 * removes the temp dirs, whatever state the test left it in.
 */
export class FaultWorld {
  readonly queuePrefix: string;
  private readonly apis: ApiProcess[] = [];
  private readonly workers: ManagedProcess[] = [];
  private readonly cleanups: (() => Promise<void> | void)[] = [];
  private serial = 0;

  private constructor(
    readonly name: string,
    private readonly build: Build,
    readonly postgres: PrivatePostgres,
    readonly redis: PrivateRedis,
    /** The harness's own connections (application_name fault-harness), kept apart from the services'. */
    readonly db: pg.Pool,
  ) {
    this.queuePrefix = `faults-${name}`;
  }

  static async create(name: string, ports: { postgres?: number; redis?: number } = {}): Promise<FaultWorld> {
    const started = Date.now();
    const build = await snapshotDist();
    let postgres: PrivatePostgres | undefined;
    let redis: PrivateRedis | undefined;
    try {
      [postgres, redis] = await Promise.all([
        PrivatePostgres.create(ports.postgres),
        PrivateRedis.create(ports.redis),
      ]);
      await postgres.createDatabase(DATABASE);
    } catch (error) {
      await redis?.dispose();
      await postgres?.dispose();
      rmSync(build.dir, { recursive: true, force: true });
      throw error;
    }
    const db = new pg.Pool({
      connectionString: postgres.url(DATABASE),
      max: 4,
      application_name: 'fault-harness',
      connectionTimeoutMillis: 2_000,
    });
    // The harness outlives PostgreSQL restarts: a dropped idle connection is not a test failure.
    db.on('error', () => undefined);
    log(
      `${name}: private PostgreSQL :${postgres.port} and Redis :${redis.port} up in ${Date.now() - started} ms`,
    );
    return new FaultWorld(name, build, postgres, redis, db);
  }

  get databaseUrl(): string {
    return this.postgres.url(DATABASE);
  }

  /** The environment of every service process; see libs/config/src/config.schema.ts. */
  env(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE_ENV: 'test',
      DATABASE_URL: this.databaseUrl,
      DATABASE_POOL_SIZE: '10',
      REDIS_URL: this.redis.url,
      QUEUE_PREFIX: this.queuePrefix,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      HTTP_REQUEST_LOGS: 'false',
      SETTLEMENT_BATCH_SIZE: '200',
      WORKER_CONCURRENCY: '20',
      SWEEP_INTERVAL_MS: '1000',
      SWEEP_STALE_AFTER_MS: '3000',
      // The load comes from one address and a few hundred citizens, far beyond what a person sends.
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000',
      RATE_LIMIT_CITIZEN_PER_MINUTE: '1000000',
      ...overrides,
    };
  }

  /** Starts an API process (it applies migrations at start) and waits until /health answers. */
  async startApi(overrides: Record<string, string> = {}): Promise<ApiProcess> {
    const api = await this.spawnApi(overrides);
    const { process: child, client } = api;
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (!child.running)
          throw new Error(`API exited during start (${describeExit(child.exitInfo!)}):\n${child.tail()}`);
        const res = await client.send('GET', '/health', { timeoutMs: 1_000 });
        if (res.status === 200) break;
        if (Date.now() > deadline) throw new Error(`API not ready within 60 s:\n${child.tail()}`);
        await sleep(100);
      }
    } catch (error) {
      client.close();
      await child.kill('SIGKILL');
      throw error;
    }
    return api;
  }

  /** Spawns an API process without waiting for it (it may be waiting for its servers). */
  async spawnApi(overrides: Record<string, string> = {}): Promise<ApiProcess> {
    const port = await freePort();
    const child = new ManagedProcess(`api#${++this.serial}`, process.execPath, [this.build.api], {
      cwd: ROOT,
      env: this.env({ ...overrides, PORT: String(port) }),
    });
    const api = { process: child, client: new HttpClient(`http://127.0.0.1:${port}`, 64), port };
    this.apis.push(api);
    return api;
  }

  /** Upserts the published methodology versions and the points rule (the CLI, as an operator would). */
  async seed(): Promise<void> {
    await run('seed', process.execPath, [this.build.cli, 'seed'], { cwd: ROOT, env: this.env() });
  }

  /** Spawns a worker process; it is working once it has connected (no readiness endpoint). */
  startWorker(overrides: Record<string, string> = {}): ManagedProcess {
    const worker = new ManagedProcess(`worker#${++this.serial}`, process.execPath, [this.build.worker], {
      cwd: ROOT,
      env: this.env(overrides),
    });
    this.workers.push(worker);
    return worker;
  }

  /** Service processes that died without the test asking them to. */
  crashedProcesses(): ManagedProcess[] {
    return [...this.apis.map((a) => a.process), ...this.workers].filter((p) => !p.running && !p.expectedExit);
  }

  /** The last lines of every service process, for a failure message. */
  tails(lines = 15): string {
    return [...this.apis.map((a) => a.process), ...this.workers.slice(-4)]
      .map((p) => `${p.name} (${p.running ? 'running' : describeExit(p.exitInfo!)}):\n${p.tail(lines)}`)
      .join('\n');
  }

  async query<T extends pg.QueryResultRow = Record<string, unknown>>(
    sql: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    return (await this.db.query<T>(sql, params)).rows;
  }

  /** Runs at dispose(), first: background loops of a test that failed must not keep Jest alive. */
  onDispose(cleanup: () => Promise<void> | void): void {
    this.cleanups.push(cleanup);
  }

  async dispose(): Promise<void> {
    for (const cleanup of this.cleanups) await Promise.resolve(cleanup()).catch(() => undefined);
    for (const api of this.apis) api.client.close();
    // Services first (SIGKILL: nothing to keep), then the servers they were talking to.
    await Promise.all([...this.apis.map((a) => a.process), ...this.workers].map((p) => p.kill('SIGKILL')));
    await this.db.end().catch(() => undefined);
    await this.redis.dispose().catch(() => undefined);
    await this.postgres.dispose().catch(() => undefined);
    await killAllProcesses();
    rmSync(this.build.dir, { recursive: true, force: true });
  }
}
