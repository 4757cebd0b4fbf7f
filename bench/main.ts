import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { CpuSampler } from './lib/cpu.js';
import {
  RunResources,
  benchConfig,
  benchEnv,
  dropStaleBenchDatabases,
  migrateAndSeed,
  withDatabase,
  withServer,
} from './lib/databases.js';
import { runApiIngest, runningApis, type IngestLoad, type IngestRun } from './lib/ingest-api.js';
import { runRawIngest, type RawIngestRun } from './lib/ingest-raw.js';
import { breakdownTable, coresTable, formatNumber, table } from './lib/report.js';
import {
  buildRollups,
  loadSettledActions,
  timeReports,
  type ReportDataset,
  type ReportTiming,
} from './lib/reports.js';
import {
  settlementPhase,
  settlementKeys,
  settlementSummary,
  type SettlementSection,
} from './lib/settlement-phase.js';
import { round } from './lib/timing.js';

const env = process.env;
const BACKLOG = Number(env.BENCH_BACKLOG ?? 100_000);
const CITIZENS = Number(env.BENCH_CITIZENS ?? 10_000);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 64);
const INGEST_SECONDS = Number(env.BENCH_INGEST_SECONDS ?? 20);
const WARMUP_SECONDS = Number(env.BENCH_WARMUP_SECONDS ?? 3);
const INGEST_CITIZENS = Number(env.BENCH_INGEST_CITIZENS ?? 500);
const SKIP_SETTLEMENT = env.BENCH_SKIP_SETTLEMENT === '1';
const SKIP_INGEST = env.BENCH_SKIP_INGEST === '1';
const SKIP_REPORTS = env.BENCH_SKIP_REPORTS === '1';
const REPORT_ACTIONS = Number(env.BENCH_REPORT_ACTIONS ?? 10_000_000);
const REPORT_CITIZENS = Number(env.BENCH_REPORT_CITIZENS ?? 200_000);
/** 济南: 历下, 市中, 槐荫, 天桥, 历城. */
const DISTRICTS = ['370102', '370103', '370104', '370105', '370112'];

/**
 * The pool of citizens logs in from one address, and anonymous calls (login) are limited to 120 a
 * minute per address by default: only that limit is lifted for the benchmark's API process. The
 * per-citizen limit on POST /v1/actions (600 a minute) stays as configured by default; with
 * INGEST_CITIZENS citizens it allows far more than the measured rate.
 */
const API_ENV_OVERRIDES = { RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000' };

const TARGETS = {
  settledPerSecond: 10_000,
  settlementRatio: 0.5,
  ingestPerSecond: 4_000,
  ingestP99Ms: 50,
  ingestRatio: 0.3,
  ingestApiCpuMsPerRequest: 0.3,
  ingestPgCpuMsPerRequest: 0.35,
};

const RESULTS_DIR = fileURLToPath(new URL('../../bench/results/', import.meta.url));
const runStarted = Date.now();
const elapsed = () => `${((Date.now() - runStarted) / 1000).toFixed(1).padStart(6)} s`;
const log = (line: string) => process.stdout.write(`[bench ${elapsed()}] ${line}\n`);

const runId = `${runStarted}_${randomBytes(3).toString('hex')}`;
const resources = new RunResources(runId, `bench-${runId}`);

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: cleaning up`);
    for (const child of runningApis) child.kill('SIGKILL');
    resources
      .cleanup()
      .catch((e: Error) => log(`cleanup failed: ${e.message}`))
      .finally(() => process.exit(130));
  });
}

interface IngestSection {
  backgroundCores: number;
  api: IngestRun;
  raw: RawIngestRun;
  ratio: number;
  rowsWritten: number;
}

async function ingestPhase(): Promise<IngestSection> {
  const template = resources.name('template');
  const load: IngestLoad = {
    connections: CONNECTIONS,
    durationSeconds: INGEST_SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    citizens: INGEST_CITIZENS,
    districts: DISTRICTS,
    runId,
    log: (line) => log(`  ${line}`),
  };
  const apiDb = await resources.createDatabase('ingest_api', template);
  const rawDb = await resources.createDatabase('ingest_raw', template);
  await checkpoint();
  const backgroundBefore = await backgroundLoad();
  log(`(d) ingest through the API process (dist/apps/api/src/main.js), worker not running`);
  const api = await runApiIngest({
    ...load,
    env: { ...benchEnv(apiDb, resources.queuePrefix), ...extraEnv(), ...API_ENV_OVERRIDES },
    nodeArgs: env.BENCH_API_NODE_ARGS ? env.BENCH_API_NODE_ARGS.split(' ') : [],
  });
  log(
    `(d) ${formatNumber(api.accepted)} accepted = ${formatNumber(api.perSecond)}/s, p50 ${api.latencyMs.p50} ms, p99 ${api.latencyMs.p99} ms, non-2xx ${api.non2xx}`,
  );
  const rowsWritten = await withDatabase(apiDb, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM actions WHERE idempotency_key LIKE $1`,
      [`bm-${runId}-%`],
    );
    return rows[0].n;
  });
  await resources.dropDatabase(apiDb);

  await checkpoint();
  log(`(e) raw one-row INSERTs, ${CONNECTIONS} pg clients`);
  const raw = await runRawIngest({ ...load, database: rawDb });
  log(
    `(e) ${formatNumber(raw.inserted)} rows = ${formatNumber(raw.perSecond)}/s, p50 ${raw.latencyMs.p50} ms, p99 ${raw.latencyMs.p99} ms, errors ${raw.errors}`,
  );
  await resources.dropDatabase(rawDb);
  return {
    backgroundCores: backgroundBefore,
    api,
    raw,
    ratio: round(api.perSecond / raw.perSecond, 3),
    rowsWritten,
  };
}

interface ReportsSection {
  dataset: ReportDataset;
  timings: ReportTiming[];
}

async function reportsPhase(): Promise<ReportsSection> {
  const db = await resources.createDatabase('reports', resources.name('template'));
  const config = benchConfig(db, resources.queuePrefix);
  log(
    `(f) reports: loading ${formatNumber(REPORT_ACTIONS)} settled actions of ${formatNumber(REPORT_CITIZENS)} citizens over 365 days`,
  );
  const section = await withDatabase(db, async (client) => {
    const loaded = await loadSettledActions(
      client,
      { actions: REPORT_ACTIONS, citizens: REPORT_CITIZENS, days: 365, districts: DISTRICTS },
      (written) => log(`  ${formatNumber(written)} actions written`),
    );
    log(`    loaded in ${loaded.loadSeconds} s; building the rollups from them`);
    const rollups = await buildRollups(client);
    log(
      `    rollups built in ${rollups.rollupSeconds} s (${formatNumber(rollups.rollupRows.actionDays)} day rows, ${formatNumber(rollups.rollupRows.activeCitizens)} active-citizen rows)`,
    );
    const timings = await timeReports(config, client);
    for (const timing of timings) {
      log(
        `(f) ${timing.name}: API p50 ${timing.apiMs.p50} ms (max ${timing.apiMs.max}); straight from actions ${timing.baselineMs} ms`,
      );
    }
    return { dataset: { ...loaded, ...rollups }, timings };
  });
  await resources.dropDatabase(db);
  return section;
}

/** SETTLEMENT_BATCH_SIZE is the application's default unless BENCH_BATCH_SIZE says otherwise. */
function extraEnv(): Record<string, string> {
  return env.BENCH_BATCH_SIZE ? { SETTLEMENT_BATCH_SIZE: env.BENCH_BATCH_SIZE } : {};
}
function extraConfig(): Record<string, string> {
  return extraEnv();
}

/** How busy the machine is without us (other users of the shared cores), in cores, over one second. */
async function backgroundLoad(): Promise<number> {
  const sampler = new CpuSampler({});
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const cores = sampler.stop()['machine (all, busy)'];
  log(
    `background load: ${cores} of ${availableParallelism()} cores busy before this phase (load average ${loadavg()[0].toFixed(2)})`,
  );
  return cores;
}

/** Starts each write-heavy phase from a clean WAL position, so a checkpoint left over from setup or
 * the previous phase does not land in the middle of the next measurement. */
async function checkpoint(): Promise<void> {
  await withServer((client) => client.query('CHECKPOINT')).catch((e: Error) =>
    log(`CHECKPOINT skipped: ${e.message}`),
  );
}

async function main(): Promise<void> {
  const postgres = await withServer(async (client) => {
    const { rows } = await client.query<{ version: string; connections: number; max: string }>(
      `SELECT current_setting('server_version') AS version,
              (SELECT count(*)::int FROM pg_stat_activity) AS connections,
              current_setting('max_connections') AS max`,
    );
    return rows[0];
  });
  const cores = availableParallelism();
  log(
    `carbon points benchmark ${runId}: ${cores} cores (${cpus()[0]?.model ?? 'unknown CPU'}), node ${process.version}, PostgreSQL ${postgres.version}`,
  );
  log(`PostgreSQL connections in use before the run: ${postgres.connections} of ${postgres.max}`);
  const stale = await dropStaleBenchDatabases();
  if (stale.length) log(`dropped ${stale.length} database(s) left by killed runs`);

  await resources.createDatabase('template');
  await migrateAndSeed(benchConfig(resources.name('template'), resources.queuePrefix));
  log(`migrated and seeded ${resources.name('template')}`);

  const settlement = SKIP_SETTLEMENT
    ? undefined
    : await settlementPhase({
        resources,
        backlog: { actions: BACKLOG, citizens: CITIZENS, districts: DISTRICTS },
        extraConfig: extraConfig(),
        log,
        checkpoint,
        backgroundLoad,
      });
  const ingest = SKIP_INGEST ? undefined : await ingestPhase();
  const reports = SKIP_REPORTS ? undefined : await reportsPhase();
  const dashboard = reports?.timings[0];

  const result = {
    settledPerSecond: settlement?.app.perSecond ?? null,
    ...settlementKeys(settlement),
    settlementRatio: settlement?.ratio ?? null,
    ingestPerSecond: ingest?.api.perSecond ?? null,
    ingestP50Ms: ingest?.api.latencyMs.p50 ?? null,
    ingestP99Ms: ingest?.api.latencyMs.p99 ?? null,
    ingestRatio: ingest?.ratio ?? null,
    ingestApiCpuMsPerRequest: ingest?.api.cpuMsPerRequest.api ?? null,
    ingestPgCpuMsPerRequest: ingest?.api.cpuMsPerRequest.postgresThisDatabase ?? null,
    dashboardMs: dashboard?.apiMs.p50 ?? null,
    dashboardBaselineMs: dashboard?.baselineMs ?? null,
    reportActions: reports?.dataset.actions ?? null,
    cores,
    rawSettledPerSecond: settlement?.raw.perSecond ?? null,
    rawIngestPerSecond: ingest?.raw.perSecond ?? null,
    rawIngestP50Ms: ingest?.raw.latencyMs.p50 ?? null,
    rawIngestP99Ms: ingest?.raw.latencyMs.p99 ?? null,
    batchSize: settlement?.app.batchSize ?? null,
    backlogSize: settlement?.backlog.actions ?? null,
    ingestConnections: CONNECTIONS,
    ingestSeconds: INGEST_SECONDS,
    ingestNon2xx: ingest?.api.non2xx ?? null,
    ingestApiEnvOverrides: API_ENV_OVERRIDES,
    targets: TARGETS,
    notes: [
      'One run on this machine; PostgreSQL, Redis and the cores are shared with whatever else runs (see environment.background*, cpuCores).',
      '(a) is SettlementService.settleBatch() from dist with the application DataSource options and LedgerWriter; a timer wraps each statement of its query runners.',
      '(b) is one autocommit SQL statement per batch writing the same rows; settlement.sameRows compares both ledgers row for row after the runs.',
      'A CHECKPOINT precedes each write-heavy phase; ANALYZE precedes the fingerprint and reconciliation (not timed).',
      '(d) and (e) each have a warm-up (not counted) before the measured window; autocannon runs inside this process, on the same cores as the API.',
      'ingestApiEnvOverrides lists the only configuration changed for the API process (the anonymous login limit, so the citizen pool can log in).',
      '(f) loads settled actions straight into the actions table (no ledger), builds the rollups with the rebuild code, then times each report through the API in-process (fastify inject, median of 5 after a warm-up) and the same figures aggregated from the actions table (one run).',
    ],
    environment: {
      node: process.version,
      postgres: postgres.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryGiB: round(totalmem() / 2 ** 30, 1),
      platform: `${process.platform}-${process.arch}`,
      loadAverageAtEnd: loadavg().map((v) => round(v, 2)),
      backgroundCoresBeforeSettlement: settlement?.backgroundCores ?? null,
      backgroundCoresBeforeIngest: ingest?.backgroundCores ?? null,
    },
    runId,
    startedAt: new Date(runStarted).toISOString(),
    durationSeconds: round((Date.now() - runStarted) / 1000, 1),
    settlement,
    ingest,
    reports,
  };

  printSummary(result, settlement, ingest, reports);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(`${RESULTS_DIR}latest.json`, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${RESULTS_DIR}latest.json`);
}

function printSummary(
  result: { cores: number },
  settlement: SettlementSection | undefined,
  ingest: IngestSection | undefined,
  reports: ReportsSection | undefined,
): void {
  const background = [settlement?.backgroundCores, ingest?.backgroundCores].filter((v) => v !== undefined);
  const out: string[] = [
    '',
    background.length
      ? `RESULTS (one run, ${result.cores} cores; other processes kept ${background.join(' / ')} core(s) busy before the phases)`
      : `RESULTS (one run, ${result.cores} cores)`,
    '',
  ];
  const dash = '—';
  const rows: (string | number)[][] = [];
  if (settlement) {
    rows.push([
      '(a) settlement, SettlementService',
      `${formatNumber(settlement.app.perSecond)} actions/s`,
      `≥ ${formatNumber(TARGETS.settledPerSecond)}/s`,
    ]);
    rows.push([
      '(b) settlement, raw SQL baseline',
      `${formatNumber(settlement.raw.perSecond)} actions/s`,
      dash,
    ]);
    rows.push(['(c) settlement ratio a/b', settlement.ratio.toFixed(3), `≥ ${TARGETS.settlementRatio}`]);
  }
  if (ingest) {
    rows.push([
      '(d) ingest, POST /v1/actions (202s)',
      `${formatNumber(ingest.api.perSecond)} req/s`,
      `≥ ${formatNumber(TARGETS.ingestPerSecond)}/s`,
    ]);
    rows.push(['    latency p50', `${ingest.api.latencyMs.p50} ms`, dash]);
    rows.push(['    latency p99', `${ingest.api.latencyMs.p99} ms`, `≤ ${TARGETS.ingestP99Ms} ms`]);
    rows.push([
      '    non-2xx / errors / timeouts',
      `${ingest.api.non2xx} / ${ingest.api.errors} / ${ingest.api.timeouts}`,
      dash,
    ]);
    rows.push([
      '    CPU per request: API / PostgreSQL',
      `${ingest.api.cpuMsPerRequest.api} / ${ingest.api.cpuMsPerRequest.postgresThisDatabase} ms`,
      `≤ ${TARGETS.ingestApiCpuMsPerRequest} / ${TARGETS.ingestPgCpuMsPerRequest} ms`,
    ]);
    rows.push(['(e) ingest, raw one-row INSERTs', `${formatNumber(ingest.raw.perSecond)} rows/s`, dash]);
    rows.push([
      '    latency p50 / p99',
      `${ingest.raw.latencyMs.p50} / ${ingest.raw.latencyMs.p99} ms`,
      dash,
    ]);
    rows.push(['    ingest ratio d/e', ingest.ratio.toFixed(3), `≥ ${TARGETS.ingestRatio}`]);
  }
  out.push(table(['measure', 'measured', 'target (reference only)'], rows));
  if (settlement) out.push('', settlementSummary(settlement));
  if (settlement) {
    out.push(
      '',
      `settlement: ${formatNumber(settlement.backlog.actions)} actions, ${formatNumber(settlement.backlog.citizens)} citizens, ${settlement.backlog.districts.length} districts, batch ${settlement.app.batchSize}`,
    );
    out.push(
      table(
        ['', 'seconds', 'batches', 'batch p50 ms', 'batch p99 ms', 'batch max ms'],
        [settlement.app, settlement.raw].map((r, i) => [
          i ? 'raw SQL' : 'SettlementService',
          r.seconds,
          r.batches,
          r.batchMs.p50,
          r.batchMs.p99,
          r.batchMs.max,
        ]),
      ),
    );
    out.push(
      '',
      table(
        ['CPU during settlement, cores', '(a) app', '(b) raw'],
        [...new Set([...Object.keys(settlement.app.cpuCores), ...Object.keys(settlement.raw.cpuCores)])].map(
          (k) => [k, settlement.app.cpuCores[k] ?? 0, settlement.raw.cpuCores[k] ?? 0],
        ),
      ),
    );
    out.push('', 'where a SettlementService batch spends its time (wall clock, client side):');
    out.push(breakdownTable(settlement.app.breakdown));
    out.push(
      '',
      `ledgers after (a) and (b): ${settlement.sameRows ? 'identical' : 'DIFFERENT'} (${formatNumber(settlement.appLedger.postings)} postings, ${formatNumber(settlement.appLedger.entries)} entries, ${formatNumber(settlement.appLedger.accounts)} accounts); reconciliation app ${settlement.reconciliation.app.ok ? 'ok' : 'FAILED'}, raw ${settlement.reconciliation.raw.ok ? 'ok' : 'FAILED'}`,
    );
  }
  if (ingest) {
    out.push(
      '',
      `ingest: ${ingest.api.connections} connections, ${ingest.api.durationSeconds} s after ${ingest.api.warmupSeconds} s warm-up, ${ingest.api.citizens} citizens; status codes ${JSON.stringify(ingest.api.statusCodes)}; rows written ${formatNumber(ingest.rowsWritten)}`,
    );
    out.push(
      `CPU per accepted request: API ${ingest.api.cpuMsPerRequest.api} ms, PostgreSQL ${ingest.api.cpuMsPerRequest.postgres} ms (all; this database's backends and the WAL writer/checkpointer: ${ingest.api.cpuMsPerRequest.postgresThisDatabase} ms), Redis ${ingest.api.cpuMsPerRequest.redis} ms; per raw INSERT: PostgreSQL ${ingest.raw.cpuMsPerRequest.postgres} ms (this database: ${ingest.raw.cpuMsPerRequest.postgresThisDatabase} ms)`,
    );
    out.push(coresTable('CPU during (d), cores', ingest.api.cpuCores));
    out.push('', coresTable('CPU during (e), cores', ingest.raw.cpuCores));
    if (ingest.api.apiLogLines)
      out.push('', `API printed ${ingest.api.apiLogLines} log line(s), e.g. ${ingest.api.apiLogSample[0]}`);
  }
  if (reports) {
    out.push(
      '',
      `reports over ${formatNumber(reports.dataset.actions)} settled actions (${formatNumber(reports.dataset.citizens)} citizens, ${reports.dataset.days} days; rollups built in ${reports.dataset.rollupSeconds} s):`,
      table(
        ['report', 'API p50 ms', 'API max ms', 'from actions ms', 'speed-up'],
        reports.timings.map((t) => [
          t.name,
          t.apiMs.p50,
          t.apiMs.max,
          t.baselineMs,
          `${round(t.baselineMs / t.apiMs.p50, 1)}×`,
        ]),
      ),
    );
  }
  process.stdout.write(`${out.join('\n')}\n\n`);
}

try {
  await main();
} catch (error) {
  log(`FAILED: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
} finally {
  if (!interrupted) {
    const cleaned = await resources.cleanup().catch((e: Error) => {
      log(`cleanup failed: ${e.message}`);
      return undefined;
    });
    if (cleaned)
      log(
        `cleaned up: ${cleaned.databases} database(s), ${cleaned.redisKeys} Redis key(s) under ${resources.queuePrefix}:`,
      );
  }
}
