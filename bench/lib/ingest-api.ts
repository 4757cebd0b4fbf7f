import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon, { type RawRequest, type Result } from 'autocannon';
import { CpuSampler } from './cpu.js';
import { DatabaseCpuSampler, databaseOf } from './ingest-postgres-cpu.js';
import { round } from './timing.js';

/** The load both ingest measures apply, (d) through the API and (e) as raw INSERTs, so they compare. */
export interface IngestLoad {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  citizens: number;
  districts: string[];
  runId: string;
  log: (line: string) => void;
}

export interface IngestOptions extends IngestLoad {
  env: Record<string, string>;
  /** Extra node flags for the API process (diagnostics, e.g. --cpu-prof). */
  nodeArgs?: string[];
}

export interface IngestRun {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  citizens: number;
  accepted: number;
  perSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  requests: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Average cores used while the measurement ran. */
  cpuCores: Record<string, number>;
  /**
   * CPU milliseconds per accepted request spent in the API process, in PostgreSQL (all of it, and
   * only this run's database's backends with the server's WAL writer and checkpointer) and Redis.
   */
  cpuMsPerRequest: { api: number; postgres: number; postgresThisDatabase: number; redis: number };
  /** warn/error lines the API printed during the whole run (it logs at warn). */
  apiLogLines: number;
  apiLogSample: string[];
}

const API_MAIN = fileURLToPath(new URL('../../apps/api/src/main.js', import.meta.url));

/** A free TCP port on 127.0.0.1 (closed again before the API binds it). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/** API processes still running, so an interrupted run can stop them before it exits. */
export const runningApis = new Set<ChildProcess>();

class ApiProcess {
  readonly logLines: string[] = [];
  lineCount = 0;
  private exited = false;

  private constructor(
    readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        this.lineCount += 1;
        if (this.logLines.length < 20) this.logLines.push(line.slice(0, 400));
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    runningApis.add(child);
    child.on('exit', () => {
      this.exited = true;
      runningApis.delete(child);
    });
  }

  static async start(env: Record<string, string>, nodeArgs: string[] = []): Promise<ApiProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [...nodeArgs, API_MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const api = new ApiProcess(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (api.exited) throw new Error(`the API exited during start:\n${api.logLines.join('\n')}`);
      try {
        const response = await fetch(`${api.baseUrl}/health/ready`);
        if (response.status === 200) return api;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await api.stop();
    throw new Error(`the API did not become ready within 60 s:\n${api.logLines.join('\n')}`);
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Logs in `count` citizens through POST /v1/auth/wechat (dev adapter) and returns their tokens. */
async function loginPool(
  baseUrl: string,
  count: number,
  districts: string[],
  runId: string,
): Promise<string[]> {
  const tokens: string[] = new Array<string>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const response = await fetch(`${baseUrl}/v1/auth/wechat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          code: `dev:bench-${runId}-${i}`,
          districtCode: districts[i % districts.length],
        }),
      });
      const body = (await response.json()) as { accessToken?: string };
      if (response.status !== 200 || !body.accessToken)
        throw new Error(`login failed: ${response.status} ${JSON.stringify(body)}`);
      tokens[i] = body.accessToken;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return tokens;
}

/**
 * One request generator for autocannon: every request a unique Idempotency-Key, the next citizen's
 * token, and a plausible 5 km bike trip (20 minutes: 15 km/h) that ended at least a day ago.
 */
function requestSetup(tokens: string[], keyPrefix: string) {
  let n = 0;
  const anchor = Date.now() - 24 * 3_600_000;
  return (request: RawRequest): RawRequest => {
    const i = n++;
    const start = anchor - (i % 200_000) * 60_000;
    const body = JSON.stringify({
      methodology: 'cycling',
      data: {
        mode: 'bike',
        distanceM: 5000,
        startedAt: new Date(start).toISOString(),
        endedAt: new Date(start + 20 * 60_000).toISOString(),
      },
    });
    return {
      ...request,
      method: 'POST',
      path: '/v1/actions',
      headers: {
        ...request.headers,
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[i % tokens.length]}`,
        'idempotency-key': `${keyPrefix}-${i}`,
      },
      body,
    };
  };
}

function fire(baseUrl: string, connections: number, seconds: number, setup: ReturnType<typeof requestSetup>) {
  return autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [{ method: 'POST', path: '/v1/actions', setupRequest: setup }],
  });
}

/** (d) POST /v1/actions against the real API process built in dist/, worker not running. */
export async function runApiIngest(options: IngestOptions): Promise<IngestRun> {
  const api = await ApiProcess.start(options.env, options.nodeArgs);
  try {
    options.log(`API up at ${api.baseUrl} (pid ${api.child.pid}); logging in ${options.citizens} citizens`);
    const tokens = await loginPool(api.baseUrl, options.citizens, options.districts, options.runId);
    if (options.warmupSeconds > 0) {
      options.log(`warm-up ${options.warmupSeconds} s (not counted)`);
      await fire(
        api.baseUrl,
        options.connections,
        options.warmupSeconds,
        requestSetup(tokens, `bw-${options.runId}`),
      );
    }
    options.log(`measuring ${options.durationSeconds} s at ${options.connections} connections`);
    const databaseCpu = await DatabaseCpuSampler.start(databaseOf(options.env.DATABASE_URL));
    const cpu = new CpuSampler({ 'api (node)': api.child.pid });
    const result: Result = await fire(
      api.baseUrl,
      options.connections,
      options.durationSeconds,
      requestSetup(tokens, `bm-${options.runId}`),
    );
    const cpuCores = cpu.stop();
    const databaseCores = databaseCpu.stop();
    const statusCodes = Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, Number(count)]),
    );
    const accepted = statusCodes['202'] ?? 0;
    const requests = Object.values(statusCodes).reduce((s, c) => s + c, 0);
    return {
      connections: options.connections,
      durationSeconds: result.duration,
      warmupSeconds: options.warmupSeconds,
      citizens: options.citizens,
      accepted,
      perSecond: round(accepted / result.duration),
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
        mean: round(result.latency.average, 2),
      },
      requests,
      non2xx: result.non2xx,
      statusCodes,
      errors: result.errors,
      timeouts: result.timeouts,
      cpuCores,
      cpuMsPerRequest: {
        api: round((cpuCores['api (node)'] * 1000) / Math.max(accepted / result.duration, 1), 3),
        postgres: round((cpuCores.postgres * 1000) / Math.max(accepted / result.duration, 1), 3),
        postgresThisDatabase: round((databaseCores * 1000) / Math.max(accepted / result.duration, 1), 3),
        redis: round((cpuCores.redis * 1000) / Math.max(accepted / result.duration, 1), 3),
      },
      apiLogLines: api.lineCount,
      apiLogSample: api.logLines.slice(0, 5),
    };
  } finally {
    await api.stop();
  }
}
