import type { AppConfig } from '@app/config';
import { LedgerWriter } from '@app/ledger';
import { AccountBalancesRepository, ActionSettlementRepository, dataSourceOptions } from '@app/persistence';
import { DataSource, type QueryRunner } from 'typeorm';
import { SettlementService } from '../../apps/worker/src/pipeline/settlement.service.js';
import { runBatchLoop } from './batch-loop.js';
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
    const run = await runBatchLoop(
      () => service.settleBatch(),
      onProgress,
      (elapsed) => timings.add('(batch total)', elapsed),
    );
    return {
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
