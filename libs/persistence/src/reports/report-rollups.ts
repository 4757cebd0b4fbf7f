import { POINTS_FLOW_ACCOUNTS } from '@app/ledger';
import type { DataSource, EntityManager } from 'typeorm';
import { actionColumnsOf } from '../actions/action-row.js';

// The settled actions the rollups are filled from; the rollup tables' own columns are spelled as they are.
const column = actionColumnsOf();
const a = actionColumnsOf('a');
const s = actionColumnsOf('s');
const r = actionColumnsOf('r');

type Queryable = Pick<EntityManager, 'query'>;

const YEAR = `extract(year FROM day)::int`;
/** The day's bit in a citizen's year of activity (bit 0 is 1 January). */
const DAY_BIT = `set_bit(B'0'::bit(366), extract(doy FROM day)::int - 1, 1)`;

const PERIOD_START = `CASE p.period WHEN 'day' THEN m.day
                                  WHEN 'week' THEN date_trunc('week', m.day)::date
                                  ELSE date_trunc('month', m.day)::date END`;

/**
 * Folds up to `maxRows` pending deltas into the day rows, in one transaction: a delta is counted in
 * the day rows or still pending, never both and never neither. Deltas another compactor has locked
 * are skipped, so compactors may overlap. Returns how many deltas it folded.
 */
export async function compactReportDeltas(dataSource: DataSource, maxRows = 50_000): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const [actions] = await manager.query<{ folded: number }[]>(
      `WITH moved AS (
         DELETE FROM report_action_deltas WHERE id IN (
           SELECT id FROM report_action_deltas ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING *
       ), days AS (
         INSERT INTO report_action_days AS r (day, methodology_id, district_code, source, actions, grams, points)
         SELECT day, methodology_id, district_code, source, sum(actions), sum(grams), sum(points)
           FROM moved GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
         ON CONFLICT (day, methodology_id, district_code, source) DO UPDATE
           SET actions = r.actions + excluded.actions, grams = r.grams + excluded.grams, points = r.points + excluded.points
       ), active AS (
         INSERT INTO report_active_citizens (period, period_start, citizen_id)
         SELECT DISTINCT p.period, ${PERIOD_START}, m.citizen_id
           FROM moved m CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS p(period)
          WHERE m.actions > 0 AND m.citizen_id IS NOT NULL
          ORDER BY 1, 2, 3
         ON CONFLICT DO NOTHING
         RETURNING period, period_start
       ), counts AS (
         INSERT INTO report_active_counts AS r (period, period_start, citizens)
         SELECT period, period_start, count(*) FROM active GROUP BY 1, 2 ORDER BY 1, 2
         ON CONFLICT (period, period_start) DO UPDATE SET citizens = r.citizens + excluded.citizens
       ), activity AS (
         INSERT INTO report_citizen_activity AS r (citizen_id, year, days)
         SELECT citizen_id, ${YEAR}, bit_or(${DAY_BIT}) FROM moved WHERE actions > 0 AND citizen_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
         ON CONFLICT (citizen_id, year) DO UPDATE SET days = r.days | excluded.days
       )
       SELECT count(*)::int AS folded FROM moved`,
      [maxRows],
    );
    const [points] = await manager.query<{ folded: number }[]>(
      `WITH moved AS (
         DELETE FROM report_points_deltas WHERE id IN (
           SELECT id FROM report_points_deltas ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING *
       ), days AS (
         INSERT INTO report_points_days AS r (day, flow, points)
         SELECT day, flow, sum(points) FROM moved GROUP BY 1, 2 ORDER BY 1, 2
         ON CONFLICT (day, flow) DO UPDATE SET points = r.points + excluded.points
       )
       SELECT count(*)::int AS folded FROM moved`,
      [maxRows],
    );
    return actions.folded + points.folded;
  });
}

/**
 * Recomputes every rollup from the actions and the ledger (for a restored database, or after a
 * methodology of counting changes). Settlement waits on the delta tables' lock while it runs.
 */
export async function rebuildReportRollups(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(`LOCK TABLE report_action_deltas, report_points_deltas IN EXCLUSIVE MODE`);
    // The points flows of archived ledger months cannot be recounted (their entries are out of the
    // database): their days are kept as they were, with any delta not yet folded.
    await manager.query(`
      CREATE TEMP TABLE archived_points_days ON COMMIT DROP AS
      SELECT day, flow, sum(points) AS points FROM (
        SELECT day, flow, points FROM report_points_days UNION ALL
        SELECT day, flow, points FROM report_points_deltas) r
       WHERE day < (SELECT (max(ends_at) AT TIME ZONE 'Asia/Shanghai')::date FROM ledger_archived_months)
       GROUP BY 1, 2`);
    await manager.query(
      `TRUNCATE report_action_deltas, report_points_deltas, report_action_days, report_active_citizens,
                report_active_counts, report_citizen_activity, report_points_days`,
    );
    await fillReportRollups(manager);
    await manager.query(`
      INSERT INTO report_points_days AS r (day, flow, points) SELECT day, flow, points FROM archived_points_days
      ON CONFLICT (day, flow) DO UPDATE SET points = r.points + excluded.points`);
  });
}

/**
 * Fills empty rollup tables from the actions and the ledger, as the triggers and compactor would have.
 * The ReportRollups migration keeps its own frozen copy of this as it was then, so this may change
 * with the schema; test/report-rollups-migration checks the two still agree on today's schema.
 */
export async function fillReportRollups(manager: Queryable): Promise<void> {
  // A settled report that a later settled report of the same event replaced is taken back in the
  // replacement's region, as the trigger does (and as the ledger posts the difference).
  const counted = `
    SELECT ${a.occurredAt} AS occurred_at, ${a.methodologyId} AS methodology_id, ${a.districtCode} AS district_code,
           ${a.source} AS source, 1 AS actions, ${a.grams} AS grams, ${a.points} AS points
      FROM actions a WHERE ${a.status} = 'settled'
    UNION ALL
    SELECT ${s.occurredAt}, ${s.methodologyId}, ${r.districtCode}, ${s.source}, -1, -${s.grams}, -${s.points}
      FROM actions s JOIN actions r ON ${r.id} = ${s.supersededBy} AND ${r.status} = 'settled'
     WHERE ${s.status} = 'settled'`;
  await manager.query(`
    INSERT INTO report_action_days (day, methodology_id, district_code, source, actions, grams, points)
    SELECT (occurred_at AT TIME ZONE 'Asia/Shanghai')::date, methodology_id, district_code, source,
           sum(actions), sum(grams), sum(points)
      FROM (${counted}) c GROUP BY 1, 2, 3, 4`);
  const activeDays = `SELECT DISTINCT (${column.occurredAt} AT TIME ZONE 'Asia/Shanghai')::date AS day,
                               ${column.citizenId} AS citizen_id
                        FROM actions WHERE ${column.status} = 'settled' AND ${column.citizenId} IS NOT NULL`;
  await manager.query(`
    INSERT INTO report_active_citizens (period, period_start, citizen_id)
    SELECT DISTINCT p.period, ${PERIOD_START}, m.citizen_id
      FROM (${activeDays}) m CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS p(period)`);
  await manager.query(`
    INSERT INTO report_active_counts (period, period_start, citizens)
    SELECT period, period_start, count(*) FROM report_active_citizens GROUP BY 1, 2`);
  await manager.query(`
    INSERT INTO report_citizen_activity (citizen_id, year, days)
    SELECT citizen_id, ${YEAR}, bit_or(${DAY_BIT}) FROM (${activeDays}) a GROUP BY 1, 2`);
  await manager.query(`
    INSERT INTO report_points_days (day, flow, points)
    SELECT (e.created_at AT TIME ZONE 'Asia/Shanghai')::date, f.flow, sum(f.sign * e.amount)
      FROM ledger_entries e
      JOIN accounts a ON a.id = e.account_id
      JOIN ${POINTS_FLOW_ACCOUNTS} ON f.kind = a.kind
     WHERE e.asset = 'POINTS'
     GROUP BY 1, 2`);
}
