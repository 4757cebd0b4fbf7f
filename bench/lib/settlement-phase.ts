import { generateBacklog, type BacklogSummary } from './backlog.js';
import { RunResources, benchConfig, migrateAndSeed, tableBytes, withDatabase } from './databases.js';
import { formatNumber, table } from './report.js';
import { runAppSettlement, type SettlementRun } from './settlement-app.js';
import { runLeanSettlement, type LeanRun } from './settlement-lean.js';
import { runRawSettlement } from './settlement-raw.js';
import {
  actionUpdates,
  growthPerAction,
  growthTable,
  hotShareSince,
  tableBytesByTable,
  type TableBytes,
} from './table-growth.js';
import { round } from './timing.js';
import { fingerprint, reconciliation, type LedgerFingerprint } from './verify.js';

/** Today's schema before issue 14: `bytesPerSettledActionBefore` is measured on it. */
export const SCHEMA_BEFORE = 'PostingActionId1765200000000';

export interface SettlementContext {
  resources: RunResources;
  backlog: { actions: number; citizens: number; districts: string[] };
  extraConfig: Record<string, string>;
  log: (line: string) => void;
  checkpoint: () => Promise<void>;
  backgroundLoad: () => Promise<number>;
}

type Reconciled = { ok: boolean; violations: string[] };

export interface SettlementSection {
  /** Cores busy on the machine in the second before (a), none of it this benchmark. */
  backgroundCores: number;
  backlog: BacklogSummary;
  app: SettlementRun;
  /** (a2) the same code, two workers at once, on an identical copy of the backlog. */
  appTwoWorkers: SettlementRun;
  raw: SettlementRun;
  lean: LeanRun;
  ratio: number;
  sameRows: boolean;
  twoWorkersSameRows: boolean;
  appLedger: LedgerFingerprint;
  rawLedger: LedgerFingerprint;
  reconciliation: { app: Reconciled; appTwoWorkers: Reconciled; raw: Reconciled };
  /** Heap + indexes + TOAST of all tables, grown from the seeded template by backlog and settlement, ÷ settled. */
  bytesPerSettledAction: { app: number; raw: number; rawBefore: number };
  /** (a)'s bytes per settled action by table: heap, indexes, TOAST (backlog and settlement). */
  appBytesByTable: TableBytes[];
  /** Share of (a)'s updates of `actions` (the settled moves) that were HOT. */
  settleHotUpdateShare: number;
}

/** The issue 14 keys of the JSON (null when the phase was skipped). */
export function settlementKeys(s: SettlementSection | undefined) {
  return {
    settlementVsLean: s ? round(s.app.perSecond / s.lean.perSecond, 3) : null,
    settlementTwoWorkerScaling: s ? round(s.appTwoWorkers.perSecond / s.app.perSecond, 3) : null,
    pgCpuUsPerSettledAction: s?.app.pgCpuUsPerAction ?? null,
    bytesPerSettledAction: s?.bytesPerSettledAction.app ?? null,
    bytesPerSettledActionBefore: s?.bytesPerSettledAction.rawBefore ?? null,
    settleHotUpdateShare: s?.settleHotUpdateShare ?? null,
    bytesPerSettledActionByTable: s?.appBytesByTable ?? null,
    leanSettledPerSecond: s?.lean.perSecond ?? null,
    twoWorkerSettledPerSecond: s?.appTwoWorkers.perSecond ?? null,
  };
}

export async function settlementPhase(ctx: SettlementContext): Promise<SettlementSection> {
  const { resources, log } = ctx;
  const template = resources.name('template');
  const appDb = await resources.createDatabase('settle_app', template);
  const templateBytes = await withDatabase(appDb, tableBytes);
  const templateTables = await withDatabase(appDb, tableBytesByTable);
  log(
    `backlog: ${formatNumber(ctx.backlog.actions)} quantified actions over ${formatNumber(ctx.backlog.citizens)} citizens in ${ctx.backlog.districts.length} districts`,
  );
  const backlog = await withDatabase(appDb, async (client) => {
    const summary = await generateBacklog(client, ctx.backlog);
    await client.query('VACUUM ANALYZE');
    return summary;
  });
  log(
    `backlog written in ${backlog.seconds.toFixed(1)} s (${formatNumber(Number(backlog.grams))} g); copying it`,
  );
  const rawDb = await resources.createDatabase('settle_raw', appDb);
  const twoDb = await resources.createDatabase('settle_two', appDb);
  const leanDb = await resources.createDatabase('settle_lean', appDb);
  const perAction = async (db: string, settled: number) =>
    round(Number((await withDatabase(db, tableBytes)) - templateBytes) / Math.max(settled, 1));

  const config = benchConfig(appDb, resources.queuePrefix, ctx.extraConfig);
  const progress = (label: string) => (settled: number, seconds: number) =>
    log(`  ${label}: ${formatNumber(settled)} settled in ${seconds.toFixed(1)} s`);
  const settled = async (label: string, db: string, streams: number) => {
    await ctx.checkpoint();
    const dbConfig = benchConfig(db, resources.queuePrefix, ctx.extraConfig);
    const updatesBefore = await withDatabase(db, actionUpdates);
    log(
      `${label} settling with SettlementService, ${streams} worker(s), batch ${dbConfig.worker.batchSize}, ${dbConfig.worker.settlementLanes} lanes`,
    );
    const run = await runAppSettlement(dbConfig, progress(label), streams);
    log(
      `${label} ${formatNumber(run.settled)} actions in ${run.seconds} s = ${formatNumber(run.perSecond)}/s, PostgreSQL ${run.pgCpuUsPerAction} µs CPU/action`,
    );
    // Fresh statistics first: with the stale estimates the reconciliation picks a nested loop that runs for minutes.
    await withDatabase(db, (client) => client.query('ANALYZE'));
    const bytes = await perAction(db, run.settled);
    const hotShare = await withDatabase(db, (client) => hotShareSince(client, updatesBefore, run.settled));
    const tables = growthPerAction(templateTables, await withDatabase(db, tableBytesByTable), run.settled);
    const ledger = await fingerprint(dbConfig);
    const reconciled = await reconciliation(dbConfig);
    log(
      `    ledger reconciliation ${reconciled.ok ? 'ok' : 'FAILED'} (${reconciled.ms} ms); ${formatNumber(bytes)} bytes/action; ${round(hotShare * 100, 1)} % of action updates HOT`,
    );
    await resources.dropDatabase(db); // its autovacuum must not run during the next measurement
    return {
      run,
      bytes,
      tables,
      hotShare,
      ledger,
      reconciled: { ok: reconciled.ok, violations: reconciled.violations },
    };
  };

  await ctx.checkpoint();
  const backgroundCores = await ctx.backgroundLoad();
  const app = await settled('(a)', appDb, 1);
  const two = await settled('(a2)', twoDb, 2);

  await ctx.checkpoint();
  log(`(b) settling with one raw SQL statement per batch (batch size ${config.worker.batchSize})`);
  const raw = await runRawSettlement(rawDb, config.worker.batchSize, progress('raw'));
  log(`(b) ${formatNumber(raw.settled)} actions in ${raw.seconds} s = ${formatNumber(raw.perSecond)}/s`);
  const rawConfig = benchConfig(rawDb, resources.queuePrefix);
  await withDatabase(rawDb, (client) => client.query('ANALYZE'));
  const rawBytes = await perAction(rawDb, raw.settled);
  const rawLedger = await fingerprint(rawConfig);
  const rawReconciliation = await reconciliation(rawConfig);
  log(`    ledger reconciliation ${rawReconciliation.ok ? 'ok' : 'FAILED'} (${rawReconciliation.ms} ms)`);
  await resources.dropDatabase(rawDb);

  await ctx.checkpoint();
  log(`(l) lean reference writer, one stream (batch size ${config.worker.batchSize})`);
  const lean = await runLeanSettlement(leanDb, config.worker.batchSize, progress('lean'));
  log(
    `(l) ${formatNumber(lean.settled)} actions in ${lean.seconds} s = ${formatNumber(lean.perSecond)}/s, balances sum ${lean.balanceTotal}`,
  );
  await resources.dropDatabase(leanDb);

  const rawBefore = await settleOnSchemaBefore(ctx, config.worker.batchSize);
  const sameRows = JSON.stringify(app.ledger) === JSON.stringify(rawLedger);
  const twoWorkersSameRows = JSON.stringify(two.ledger) === JSON.stringify(app.ledger);
  log(
    `    app and baseline ledgers ${sameRows ? 'are identical row for row' : 'DIFFER'}; two workers' ledger ${twoWorkersSameRows ? 'identical' : 'DIFFERS'}`,
  );
  return {
    backgroundCores,
    backlog,
    app: app.run,
    appTwoWorkers: two.run,
    raw,
    lean,
    ratio: round(app.run.perSecond / raw.perSecond, 3),
    sameRows,
    twoWorkersSameRows,
    appLedger: app.ledger,
    rawLedger,
    reconciliation: {
      app: app.reconciled,
      appTwoWorkers: two.reconciled,
      raw: { ok: rawReconciliation.ok, violations: rawReconciliation.violations },
    },
    bytesPerSettledAction: { app: app.bytes, raw: rawBytes, rawBefore },
    appBytesByTable: app.tables,
    settleHotUpdateShare: app.hotShare,
  };
}

/**
 * The same backlog settled by (b)'s rows on a database migrated only up to SCHEMA_BEFORE: the bytes
 * today's schema cost per settled action before issue 14 (the raw writer writes the rows the
 * application wrote then, which earlier runs checked row for row).
 */
async function settleOnSchemaBefore(ctx: SettlementContext, batchSize: number): Promise<number> {
  const { resources, log } = ctx;
  const db = await resources.createDatabase('settle_before');
  await migrateAndSeed(benchConfig(db, resources.queuePrefix), SCHEMA_BEFORE);
  const templateBytes = await withDatabase(db, tableBytes);
  await withDatabase(db, async (client) => {
    await generateBacklog(client, ctx.backlog);
    await client.query('VACUUM ANALYZE');
  });
  log(`(b, schema up to ${SCHEMA_BEFORE}) settling the same backlog for its bytes`);
  const run = await runRawSettlement(db, batchSize, () => undefined, true);
  const bytes = round(
    Number((await withDatabase(db, tableBytes)) - templateBytes) / Math.max(run.settled, 1),
  );
  log(`    ${formatNumber(run.settled)} actions, ${formatNumber(bytes)} bytes/action on the schema before`);
  await resources.dropDatabase(db);
  return bytes;
}

/** Issue 14's targets (reference only, nothing passes or fails on them). */
export const SETTLEMENT_TARGETS = {
  settlementVsLean: 0.75,
  settlementTwoWorkerScaling: 1.4,
  pgCpuUsPerSettledAction: 140,
  bytesShareOfBefore: 0.6,
};

/** The issue 14 table: one worker vs the lean writer, two workers vs one, CPU and bytes per action. */
export function settlementSummary(s: SettlementSection): string {
  const k = settlementKeys(s);
  const t = SETTLEMENT_TARGETS;
  const bytes = s.bytesPerSettledAction;
  return (
    table(
      ['settlement (issue 14)', 'measured', 'target (reference only)'],
      [
        ['(l) lean reference writer, one stream', `${formatNumber(s.lean.perSecond)} actions/s`, '—'],
        ['(a2) SettlementService, two workers', `${formatNumber(s.appTwoWorkers.perSecond)} actions/s`, '—'],
        ['settlementVsLean (a / l)', String(k.settlementVsLean), `≥ ${t.settlementVsLean}`],
        [
          'settlementTwoWorkerScaling (a2 / a)',
          String(k.settlementTwoWorkerScaling),
          `≥ ${t.settlementTwoWorkerScaling}`,
        ],
        [
          'pgCpuUsPerSettledAction (a; b; l)',
          `${s.app.pgCpuUsPerAction} µs; ${s.raw.pgCpuUsPerAction}; ${s.lean.pgCpuUsPerAction}`,
          `≤ ${t.pgCpuUsPerSettledAction} µs`,
        ],
        [
          'bytesPerSettledAction (a; b; l)',
          `${formatNumber(bytes.app)}; ${formatNumber(bytes.raw)}; ${formatNumber(s.lean.bytesPerAction)}`,
          `≤ ${formatNumber(Math.round(bytes.rawBefore * t.bytesShareOfBefore))} (60 % of before)`,
        ],
        ['bytesPerSettledActionBefore (b on the schema before)', formatNumber(bytes.rawBefore), '—'],
        ['settleHotUpdateShare (a: HOT share of updates of actions)', String(s.settleHotUpdateShare), '—'],
        [
          'reconciliation (a; a2; b) / same rows (a=b; a2=a)',
          `${[s.reconciliation.app, s.reconciliation.appTwoWorkers, s.reconciliation.raw].map((r) => (r.ok ? 'ok' : 'FAILED')).join('; ')} / ${s.sameRows}; ${s.twoWorkersSameRows}`,
          'ok / true',
        ],
      ],
    ) + `\n\n${growthTable(s.appBytesByTable)}`
  );
}
