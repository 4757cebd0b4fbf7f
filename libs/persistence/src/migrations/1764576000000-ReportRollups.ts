import type { MigrationInterface, QueryRunner } from 'typeorm';

const CST_DAY = (column: string) => `(${column} AT TIME ZONE 'Asia/Shanghai')::date`;

/**
 * Rollups for the bureau's reports. Triggers append deltas inside the transaction that settles an
 * action or writes ledger entries, so a report can never disagree with the ledger; the worker folds
 * deltas into per-day rows (libs/reports). Appending, never upserting, keeps settlement free of new
 * lock contention: only the single compactor updates the day rows.
 */
export class ReportRollups1764576000000 implements MigrationInterface {
  name = 'ReportRollups1764576000000';

  async up(q: QueryRunner): Promise<void> {
    // An action's credit by the day it happened (Asia/Shanghai), where, how and from whom it came.
    await q.query(`
      CREATE TABLE report_action_days (
        day date NOT NULL,
        methodology_id text NOT NULL,
        district_code char(6) NOT NULL,
        source text NOT NULL,
        actions bigint NOT NULL,
        grams bigint NOT NULL,
        points bigint NOT NULL,
        PRIMARY KEY (day, methodology_id, district_code, source)
      )`);
    await q.query(`
      CREATE TABLE report_action_deltas (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        day date NOT NULL,
        methodology_id text NOT NULL,
        district_code char(6) NOT NULL,
        source text NOT NULL,
        citizen_id uuid NOT NULL,
        actions int NOT NULL,
        grams bigint NOT NULL,
        points bigint NOT NULL
      )`);
    // Distinct counts cannot be summed across days: each granularity keeps the set of citizens active
    // in each period (written only; it tells the compactor who is new) and the resulting counts.
    await q.query(`
      CREATE TABLE report_active_citizens (
        period text NOT NULL CHECK (period IN ('day', 'week', 'month')),
        period_start date NOT NULL,
        citizen_id uuid NOT NULL,
        PRIMARY KEY (period, period_start, citizen_id)
      )`);
    await q.query(`
      CREATE TABLE report_active_counts (
        period text NOT NULL CHECK (period IN ('day', 'week', 'month')),
        period_start date NOT NULL,
        citizens bigint NOT NULL,
        PRIMARY KEY (period, period_start)
      )`);
    // For any range (the dashboard's): one bit per day of the year a citizen had a settled action, so
    // "active in the range" is one masked test per citizen and year, not a scan of every active day.
    await q.query(`
      CREATE TABLE report_citizen_activity (
        citizen_id uuid NOT NULL,
        year int NOT NULL,
        days bit(366) NOT NULL,
        PRIMARY KEY (citizen_id, year)
      )`);
    await q.query(`
      CREATE TABLE report_points_days (
        day date NOT NULL,
        flow text NOT NULL CHECK (flow IN ('issued', 'redeemed', 'expired', 'donated')),
        points bigint NOT NULL,
        PRIMARY KEY (day, flow)
      )`);
    await q.query(`
      CREATE TABLE report_points_deltas (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        day date NOT NULL,
        flow text NOT NULL,
        points bigint NOT NULL
      )`);
    // Partners that see all trips (map apps) report how many were green, for the plans' share indicator.
    await q.query(`
      CREATE TABLE partner_trip_statistics (
        partner_id text NOT NULL REFERENCES partners(id),
        day date NOT NULL,
        district_code char(6) NOT NULL,
        green_trips bigint NOT NULL CHECK (green_trips >= 0),
        total_trips bigint NOT NULL CHECK (total_trips >= green_trips),
        reported_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partner_id, day, district_code)
      )`);

    // A settled action counts once. An action that settles in place of settled reports of the same
    // event takes their credit over: the ledger posts only the difference, to the new action's region,
    // so the replaced reports are taken back there too and reports agree with the pools per region.
    await q.query(`
      CREATE FUNCTION report_action_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE replacement record;
      BEGIN
        WITH changed AS (
          SELECT o AS old_row, n AS new_row
            FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE (n.status = 'settled' OR o.status = 'settled')
             AND (n.status, n.grams, n.points, n.occurred_at, n.methodology_id, n.district_code, n.source, n.citizen_id)
                 IS DISTINCT FROM
                 (o.status, o.grams, o.points, o.occurred_at, o.methodology_id, o.district_code, o.source, o.citizen_id)
        ), contributions AS (
          SELECT (new_row).occurred_at, (new_row).methodology_id, (new_row).district_code, (new_row).source,
                 (new_row).citizen_id, (new_row).grams, (new_row).points, 1 AS sign
            FROM changed WHERE (new_row).status = 'settled'
          UNION ALL
          SELECT (old_row).occurred_at, (old_row).methodology_id, (old_row).district_code, (old_row).source,
                 (old_row).citizen_id, (old_row).grams, (old_row).points, -1
            FROM changed WHERE (old_row).status = 'settled'
        )
        INSERT INTO report_action_deltas (day, methodology_id, district_code, source, citizen_id, actions, grams, points)
        SELECT ${CST_DAY('occurred_at')}, methodology_id, district_code, source, citizen_id, sign, sign * grams, sign * points
          FROM contributions;

        -- Replacements are rare: one primary-key lookup per replaced report, never a join the planner
        -- could turn into a scan of every settled action.
        FOR replacement IN
          SELECT n.district_code, unnest(n.supersedes) AS replaced_id
            FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE n.supersedes IS NOT NULL AND n.status = 'settled' AND o.status <> 'settled'
        LOOP
          INSERT INTO report_action_deltas (day, methodology_id, district_code, source, citizen_id, actions, grams, points)
          SELECT ${CST_DAY('occurred_at')}, methodology_id, replacement.district_code, source, citizen_id, -1, -grams, -points
            FROM actions WHERE id = replacement.replaced_id AND status = 'settled';
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER actions_report_changes AFTER UPDATE ON actions
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION report_action_changes()`);

    // Points flows, read off the program's counter-accounts: issuance is debited as points are issued.
    await q.query(`
      CREATE FUNCTION report_points_flows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_points_deltas (day, flow, points)
        SELECT ${CST_DAY('e.created_at')}, f.flow, sum(f.sign * e.amount)
          FROM new_entries e
          JOIN accounts a ON a.id = e.account_id
          JOIN (VALUES ('points_issuance', 'issued', -1), ('partner_clearing', 'redeemed', 1),
                       ('expired_points', 'expired', 1), ('donations', 'donated', 1)) AS f(kind, flow, sign)
            ON f.kind = a.kind
         WHERE e.asset = 'POINTS'
         GROUP BY 1, 2;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entries_report_points AFTER INSERT ON ledger_entries
      REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION report_points_flows()`);
    await backfillRollups(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER ledger_entries_report_points ON ledger_entries`);
    await q.query(`DROP TRIGGER actions_report_changes ON actions`);
    await q.query(`DROP FUNCTION report_points_flows(), report_action_changes()`);
    await q.query(
      `DROP TABLE partner_trip_statistics, report_points_deltas, report_points_days, report_citizen_activity,
                  report_active_counts, report_active_citizens, report_action_deltas, report_action_days`,
    );
  }
}

// The backfill is a frozen copy of fillReportRollups (libs/persistence/src/reports) as of this
// migration: on a fresh database later migrations run after it, so it must fill this version's tables
// by this version's rules, whatever the live code has become.

const YEAR = `extract(year FROM day)::int`;
/** The day's bit in a citizen's year of activity (bit 0 is 1 January). */
const DAY_BIT = `set_bit(B'0'::bit(366), extract(doy FROM day)::int - 1, 1)`;

const PERIOD_START = `CASE p.period WHEN 'day' THEN m.day
                                  WHEN 'week' THEN date_trunc('week', m.day)::date
                                  ELSE date_trunc('month', m.day)::date END`;

const POINTS_FLOW_ACCOUNTS = `(VALUES ('points_issuance', 'issued', -1),
  ('partner_clearing', 'redeemed', 1), ('expired_points', 'expired', 1),
  ('donations', 'donated', 1)) AS f(kind, flow, sign)`;

/** Fills the new, empty rollup tables from the actions and the ledger, as the triggers and compactor would have. */
async function backfillRollups(q: QueryRunner): Promise<void> {
  // A settled report that a later settled report of the same event replaced is taken back in the
  // replacement's region, as the trigger does (and as the ledger posts the difference).
  const counted = `
    SELECT a.occurred_at, a.methodology_id, a.district_code, a.source, 1 AS actions, a.grams, a.points
      FROM actions a WHERE a.status = 'settled'
    UNION ALL
    SELECT s.occurred_at, s.methodology_id, r.district_code, s.source, -1, -s.grams, -s.points
      FROM actions s JOIN actions r ON r.id = s.superseded_by AND r.status = 'settled'
     WHERE s.status = 'settled'`;
  await q.query(`
    INSERT INTO report_action_days (day, methodology_id, district_code, source, actions, grams, points)
    SELECT (occurred_at AT TIME ZONE 'Asia/Shanghai')::date, methodology_id, district_code, source,
           sum(actions), sum(grams), sum(points)
      FROM (${counted}) c GROUP BY 1, 2, 3, 4`);
  const activeDays = `SELECT DISTINCT (occurred_at AT TIME ZONE 'Asia/Shanghai')::date AS day, citizen_id
                        FROM actions WHERE status = 'settled'`;
  await q.query(`
    INSERT INTO report_active_citizens (period, period_start, citizen_id)
    SELECT DISTINCT p.period, ${PERIOD_START}, m.citizen_id
      FROM (${activeDays}) m CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS p(period)`);
  await q.query(`
    INSERT INTO report_active_counts (period, period_start, citizens)
    SELECT period, period_start, count(*) FROM report_active_citizens GROUP BY 1, 2`);
  await q.query(`
    INSERT INTO report_citizen_activity (citizen_id, year, days)
    SELECT citizen_id, ${YEAR}, bit_or(${DAY_BIT}) FROM (${activeDays}) a GROUP BY 1, 2`);
  await q.query(`
    INSERT INTO report_points_days (day, flow, points)
    SELECT (e.created_at AT TIME ZONE 'Asia/Shanghai')::date, f.flow, sum(f.sign * e.amount)
      FROM ledger_entries e
      JOIN accounts a ON a.id = e.account_id
      JOIN ${POINTS_FLOW_ACCOUNTS} ON f.kind = a.kind
     WHERE e.asset = 'POINTS'
     GROUP BY 1, 2`);
}
