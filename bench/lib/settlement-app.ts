import type { AppConfig } from '@app/config';
import { LedgerWriter } from '@app/ledger';
import { AccountBalancesRepository, ActionSettlementRepository, dataSourceOptions } from '@app/persistence';
import { DataSource, type QueryRunner } from 'typeorm';
import { SettlementService } from '../../apps/worker/src/pipeline/settlement.service.js';
import { runBatchLoop } from './batch-loop.js';
import { cpuSecondsSince, processTicks } from './cpu.js';
import { Timings, round, statementLabel, type TimingRow } from './timing.js';

export interface SettlementRun {
  settled: number;
  batches: number;
  batchSize: number;
  seconds: number;
  perSecond: number;
  batchMs: { p50: number; p99: number; max: number; mean: number };
  /** Wall time per SQL statement kind, and what is left for JavaScript (posting rules, driver, TypeORM). */
  breakdown: TimingRow[];
  /** Average cores used while it ran, by whom. */
  cpuCores: Record<string, number>;
  /** Concurrent batch loops (workers). */
  streams?: number;
  /** CPU time of the PostgreSQL backends serving this database during the run, ÷ actions settled. */
  pgCpuUsPerAction?: number;
}

/** CPU seconds of the backends connected to the database `query` runs on, since `before`. */
export async function backendCpuSeconds(
  query: (sql: string) => Promise<{ pid: number }[]>,
  before: Map<number, number>,
): Promise<number> {
  const backends = await query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  return cpuSecondsSince(
    before,
    backends.map((b) => Number(b.pid)),
  );
}

/**
 * (a) The worker's own settlement code: SettlementService with the application's DataSource
 * options and LedgerWriter, called batch after batch until the backlog is empty, exactly as
 * ActionPipeline.run() does once quantification has nothing left. The only addition is a timer
 * around each statement the query runners send (microseconds per batch).
 */
export async function runAppSettlement(
  config: AppConfig,
  onProgress: (settled: number, seconds: number) => void,
  streams = 1,
): Promise<SettlementRun> {
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  const timings = new Timings();
  instrumentQueries(dataSource, timings);
  const service = new SettlementService(
    config,
    dataSource,
    new LedgerWriter(),
    new ActionSettlementRepository(),
    new AccountBalancesRepository(),
  );
  try {
    // Open the pool's connection outside the measurement, as a running worker would have it.
    await dataSource.query('SELECT 1');
    timings.reset();
    const cpuBefore = processTicks();
    const run = await runBatchLoop(
      () => service.settleBatch(),
      onProgress,
      (elapsed) => timings.add('(batch total)', elapsed),
      streams,
    );
    const pgSeconds = await backendCpuSeconds((sql) => dataSource.query(sql), cpuBefore);
    return {
      streams,
      pgCpuUsPerAction: round((pgSeconds * 1e6) / Math.max(run.settled, 1), 1),
      cpuCores: run.cpuCores,
      settled: run.settled,
      batches: run.batches,
      batchSize: config.worker.batchSize,
      seconds: run.seconds,
      perSecond: run.perSecond,
      batchMs: run.batchMs,
      breakdown: withRemainder(timings, run.wallMs),
    };
  } finally {
    await dataSource.destroy();
  }
}

/** Statement rows plus "(outside SQL)" = batch time not spent waiting for a statement. */
function withRemainder(timings: Timings, wallMs: number): TimingRow[] {
  const rows = timings.breakdown(wallMs);
  const batch = rows.find((r) => r.label === '(batch total)');
  const statements = rows.filter((r) => r.label !== '(batch total)');
  if (!batch) return statements;
  const sqlMs = statements.reduce((s, r) => s + r.totalMs, 0);
  const outside = batch.totalMs - sqlMs;
  return [
    ...statements,
    {
      label: '(outside SQL: posting rules, TypeORM, pool)',
      count: batch.count,
      totalMs: round(outside, 1),
      meanMs: round(outside / batch.count, 3),
      share: round(outside / wallMs, 4),
    },
  ];
}

/** Wraps query() of every query runner the data source hands out (transactions use one each). */
function instrumentQueries(dataSource: DataSource, timings: Timings): void {
  const create = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (...args: Parameters<DataSource['createQueryRunner']>): QueryRunner => {
    const runner = create(...args);
    const query = runner.query.bind(runner) as (...a: unknown[]) => Promise<unknown>;
    (runner as { query: (...a: unknown[]) => Promise<unknown> }).query = (...a: unknown[]) =>
      timings.time(statementLabel(String(a[0])), () => query(...a));
    return runner;
  };
}
