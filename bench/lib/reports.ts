import type { AppConfig } from '@app/config';
import { cstDate, shiftDate } from '@app/domain';
import { createAdmin, fillReportRollups } from '@app/persistence';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { percentile, round } from './timing.js';

export interface ReportDataset {
  actions: number;
  citizens: number;
  days: number;
  loadSeconds: number;
  rollupSeconds: number;
  rollupRows: { actionDays: number; activeCitizens: number };
}

export interface ReportTiming {
  name: string;
  /** Through the API (GET /admin/v1/reports/…, Nest + Fastify + the rollup queries). */
  apiMs: { p50: number; max: number };
  /** The same figures aggregated straight from the actions table, the design the rollups replace. */
  baselineMs: number;
}

const METHODOLOGIES = [
  'cycling',
  'bus',
  'metro',
  'walking',
  'carpool',
  'clothes-recycling',
  'rooftop-pv',
  'heat-pump',
  'efficient-ac',
];

/**
 * A year of settled actions, written straight into the actions table in chunks (the ledger is not
 * part of this measurement: every action points at one placeholder posting). Secondary indexes are
 * dropped during the load and rebuilt after, and foreign keys are not checked row by row, as in any
 * bulk load; an index on occurred_at is added so the baseline's range scans are not handicapped.
 */
export async function loadSettledActions(
  client: pg.Client,
  options: { actions: number; citizens: number; days: number; districts: string[] },
  onProgress: (written: number) => void,
): Promise<Omit<ReportDataset, 'rollupSeconds' | 'rollupRows'>> {
  const started = Date.now();
  await client.query(
    `
    INSERT INTO citizens (id, openid_digest, district_code)
    SELECT lpad(to_hex(n), 32, '0')::uuid, 'bench-' || n, ($2::text[])[1 + n % array_length($2::text[], 1)]
      FROM generate_series(1, $1::int) AS n`,
    [options.citizens, options.districts],
  );
  const [{ posting, version }] = (
    await client.query<{ posting: string; version: string }>(`
      WITH k AS (INSERT INTO ledger_posting_keys (id, created_at, idempotency_key)
                 VALUES (nextval('ledger_postings_id_seq'), now(), 'bench-reports') RETURNING id),
           p AS (INSERT INTO ledger_postings (id, idempotency_key, cause_type, cause_id, reason)
                 SELECT id, 'bench-reports', 'bench', 'bench', 'BENCH' FROM k RETURNING id)
      SELECT (SELECT id FROM p) AS posting, (SELECT min(id) FROM methodology_versions) AS version`)
  ).rows;
  const indexes = (
    await client.query<{ name: string; definition: string }>(`
      SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
       WHERE x.indrelid = 'actions'::regclass AND NOT x.indisunique AND NOT x.indisprimary`)
  ).rows;
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);

  // The rows are valid by construction; skipping the per-row foreign-key triggers makes the load minutes shorter.
  await client.query(`SET session_replication_role = replica`);
  const chunk = 500_000;
  for (let first = 1; first <= options.actions; first += chunk) {
    const last = Math.min(first + chunk - 1, options.actions);
    await client.query(
      `INSERT INTO actions (id, citizen_id, district_code, methodology_id, source, idempotency_scope, idempotency_key,
                            request_hash, payload, occurred_at, status, methodology_version_id, grams, points,
                            points_rule_version, posting_id, settled_at)
       SELECT lpad(to_hex(n), 32, '0')::uuid, c, ($4::text[])[1 + c_no % array_length($4::text[], 1)],
              ($5::text[])[1 + (n * 7) % array_length($5::text[], 1)],
              CASE WHEN n % 3 = 0 THEN 'partner:bench' ELSE 'self' END, 'bench', n::text, repeat('0', 64), '{}',
              now() - make_interval(days => (n % $6::int)::int, secs => (n % 86400)::int), 'settled', $7, g, g, 1, $8, now()
         FROM (SELECT n, 1 + (n * 7919) % $3::bigint AS c_no, 50 + (n * 31) % 450 AS g
                 FROM generate_series($1::bigint, $2::bigint) AS n) s,
              LATERAL (SELECT lpad(to_hex(s.c_no), 32, '0')::uuid AS c) c`,
      [first, last, options.citizens, options.districts, METHODOLOGIES, options.days, version, posting],
    );
    onProgress(last);
  }
  await client.query(`SET session_replication_role = DEFAULT`);
  for (const index of indexes) await client.query(index.definition);
  await client.query(`CREATE INDEX bench_actions_occurred ON actions (occurred_at) WHERE status = 'settled'`);
  await client.query('VACUUM ANALYZE actions');
  return {
    actions: options.actions,
    citizens: options.citizens,
    days: options.days,
    loadSeconds: round((Date.now() - started) / 1000, 1),
  };
}

/** Builds the rollups from the loaded actions with the same code `rebuildReportRollups` runs. */
export async function buildRollups(
  client: pg.Client,
): Promise<Pick<ReportDataset, 'rollupSeconds' | 'rollupRows'>> {
  const started = Date.now();
  await fillReportRollups({
    query: (sql: string, parameters?: unknown[]) => client.query(sql, parameters),
  } as never);
  await client.query('VACUUM ANALYZE report_action_days');
  await client.query('VACUUM ANALYZE report_active_citizens');
  const seconds = round((Date.now() - started) / 1000, 1);
  const { rows } = await client.query<{ days: number; active: number }>(
    `SELECT (SELECT count(*)::int FROM report_action_days) AS days, (SELECT count(*)::int FROM report_active_citizens) AS active`,
  );
  return { rollupSeconds: seconds, rollupRows: { actionDays: rows[0].days, activeCitizens: rows[0].active } };
}

const cstDay = (daysAgo: number) => shiftDate(cstDate(new Date()), -daysAgo);

/** Each report through the API (several runs, after one warm-up) and its baseline straight from actions (one run). */
export async function timeReports(config: AppConfig, client: pg.Client, runs = 5): Promise<ReportTiming[]> {
  const app = await createApiApp(config);
  try {
    const password = randomBytes(16).toString('hex');
    await createAdmin(app.get(DataSource), 'bench-auditor', password, 'auditor');
    const login = await app.inject({
      method: 'POST',
      url: '/admin/v1/auth/login',
      payload: { username: 'bench-auditor', password },
    });
    const bearer = (login.json() as { accessToken: string }).accessToken;
    const month = `from=${cstDay(29)}&to=${cstDay(0)}`;
    const year = `from=${cstDay(364)}&to=${cstDay(0)}`;
    const cases = [
      {
        name: 'dashboard, last 30 days',
        url: `/admin/v1/reports/dashboard?${month}`,
        baseline: dashboardBaseline(29),
      },
      {
        name: 'dashboard, last 365 days',
        url: `/admin/v1/reports/dashboard?${year}`,
        baseline: dashboardBaseline(364),
      },
      {
        name: 'reductions by methodology per month, 365 days',
        url: `/admin/v1/reports/reductions?${year}&granularity=month&by=methodology`,
        baseline: [
          `SELECT date_trunc('month', occurred_at AT TIME ZONE 'Asia/Shanghai'), methodology_id, count(*), sum(grams), sum(points)
             FROM actions WHERE status = 'settled' AND occurred_at >= now() - interval '365 days' GROUP BY 1, 2`,
        ],
      },
      {
        name: 'active citizens per month, 365 days',
        url: `/admin/v1/reports/citizens?${year}&granularity=month`,
        baseline: [
          `SELECT date_trunc('month', occurred_at AT TIME ZONE 'Asia/Shanghai'), count(DISTINCT citizen_id), count(*)
             FROM actions WHERE status = 'settled' AND occurred_at >= now() - interval '365 days' GROUP BY 1`,
        ],
      },
    ];
    const timings: ReportTiming[] = [];
    for (const test of cases) {
      const samples: number[] = [];
      for (let run = 0; run <= runs; run += 1) {
        const started = performance.now();
        const response = await app.inject({
          method: 'GET',
          url: test.url,
          headers: { authorization: `Bearer ${bearer}` },
        });
        if (response.statusCode !== 200)
          throw new Error(`${test.url} answered ${response.statusCode}: ${response.body}`);
        if (run > 0) samples.push(performance.now() - started);
      }
      samples.sort((a, b) => a - b);
      const started = performance.now();
      for (const sql of test.baseline) await client.query(sql);
      timings.push({
        name: test.name,
        apiMs: { p50: round(percentile(samples, 50), 1), max: round(samples[samples.length - 1], 1) },
        baselineMs: round(performance.now() - started, 1),
      });
    }
    return timings;
  } finally {
    await app.close();
  }
}

/** What the dashboard shows, aggregated from the actions table directly. */
function dashboardBaseline(daysBack: number): string[] {
  const range = `status = 'settled' AND occurred_at >= now() - interval '${daysBack + 1} days'`;
  return [
    `SELECT (occurred_at AT TIME ZONE 'Asia/Shanghai')::date, methodology_id, count(*), sum(grams) FROM actions WHERE ${range} GROUP BY 1, 2`,
    `SELECT district_code, count(*), sum(grams) FROM actions WHERE ${range} GROUP BY 1`,
    `SELECT count(DISTINCT citizen_id) FROM actions WHERE ${range}`,
    `SELECT methodology_id FROM actions WHERE ${range} GROUP BY 1`,
  ];
}
