import type pg from 'pg';
import { table } from './report.js';
import { round } from './timing.js';

/** Bytes of one table (its partitions summed into the partitioned parent). */
export interface TableBytes {
  table: string;
  heap: number;
  indexes: number;
  toast: number;
}

/** Heap (with free-space and visibility maps), indexes and TOAST of every table in `public`. */
export async function tableBytesByTable(client: pg.Client): Promise<TableBytes[]> {
  const { rows } = await client.query<{ table: string; heap: string; indexes: string; toast: string }>(
    `SELECT coalesce(pg_partition_root(c.oid), c.oid)::regclass::text AS table,
            sum(pg_table_size(c.oid) - coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0))::text AS heap,
            sum(pg_indexes_size(c.oid))::text AS indexes,
            sum(coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0))::text AS toast
     FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
     GROUP BY 1`,
  );
  return rows.map((r) => ({
    table: r.table,
    heap: Number(r.heap),
    indexes: Number(r.indexes),
    toast: Number(r.toast),
  }));
}

/** Per settled action, what each table grew by between `before` and `after` (tables that grew, largest first). */
export function growthPerAction(before: TableBytes[], after: TableBytes[], settled: number): TableBytes[] {
  const was = new Map(before.map((t) => [t.table, t]));
  const per = (now: number, then: number) => round((now - then) / Math.max(settled, 1));
  return after
    .map((t) => {
      const b = was.get(t.table) ?? { heap: 0, indexes: 0, toast: 0 };
      return {
        table: t.table,
        heap: per(t.heap, b.heap),
        indexes: per(t.indexes, b.indexes),
        toast: per(t.toast, b.toast),
      };
    })
    .filter((t) => t.heap || t.indexes || t.toast)
    .sort((x, y) => y.heap + y.indexes + y.toast - (x.heap + x.indexes + x.toast));
}

/** Updates of `actions` (all partitions) so far, and how many of them were HOT. */
export async function actionUpdates(client: pg.Client): Promise<{ updates: number; hot: number }> {
  const { rows } = await client.query<{ updates: string; hot: string }>(
    `SELECT coalesce(sum(n_tup_upd), 0)::text AS updates, coalesce(sum(n_tup_hot_upd), 0)::text AS hot
     FROM pg_stat_user_tables WHERE relid IN (SELECT relid FROM pg_partition_tree('actions'))`,
  );
  return { updates: Number(rows[0].updates), hot: Number(rows[0].hot) };
}

/**
 * The HOT share of the updates of `actions` since `before`, once the statistics of the settling
 * backends (flushed when they exit) show at least `expected` updates, or after 5 s.
 */
export async function hotShareSince(
  client: pg.Client,
  before: { updates: number; hot: number },
  expected: number,
): Promise<number> {
  let now = before;
  for (let tries = 0; tries < 50; tries++) {
    await client.query('SELECT pg_stat_clear_snapshot()');
    now = await actionUpdates(client);
    if (now.updates - before.updates >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const updates = now.updates - before.updates;
  return updates ? round((now.hot - before.hot) / updates, 4) : 0;
}

/** The bytes table of the app run: where each settled action's bytes went. */
export function growthTable(growth: TableBytes[]): string {
  const total = (t: TableBytes) => t.heap + t.indexes + t.toast;
  const sum = growth.reduce((s, t) => s + total(t), 0);
  return table(
    ['bytes per settled action, (a) (backlog + settlement)', 'heap', 'indexes', 'TOAST', 'total'],
    [...growth.map((t) => [t.table, t.heap, t.indexes, t.toast, total(t)]), ['all tables', '', '', '', sum]],
  );
}
