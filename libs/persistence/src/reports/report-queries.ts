import { actionColumnsOf } from '../actions/action-row.js';

// Closed-month changes read actions themselves; every other report reads the rollups.
const column = actionColumnsOf();
const a = actionColumnsOf('a');

/**
 * SQL over the rollups. Every read adds the deltas not yet folded in by the worker's compactor, so a
 * report is exact the moment a batch settles. $1/$2 are the inclusive day range, $3 the granularity.
 */
const actionFacts = `
  SELECT day, methodology_id, district_code, source, citizen_id, actions, grams, points
    FROM report_action_deltas WHERE day BETWEEN $1::date AND $2::date
  UNION ALL
  SELECT day, methodology_id, district_code, source, NULL, actions, grams, points
    FROM report_action_days WHERE day BETWEEN $1::date AND $2::date`;

/** A series' period, or for 'range' the whole range as one period named by its first day. */
const period = (granularity: string) =>
  granularity === 'range' ? `$1::text` : `to_char(date_trunc('${granularity}', day), 'YYYY-MM-DD')`;

/** Breakdown column names, whitelisted: they are spliced into SQL. */
export const BREAKDOWN_COLUMN = {
  total: `'total'`,
  methodology: 'methodology_id',
  district: 'district_code',
  source: 'source',
} as const;

export const reductionsSql = (
  granularity: 'day' | 'week' | 'month' | 'range',
  by: keyof typeof BREAKDOWN_COLUMN,
) => `
  SELECT ${period(granularity)} AS period, ${BREAKDOWN_COLUMN[by]}::text AS key,
         sum(actions)::bigint::text AS actions, sum(grams)::text AS grams, sum(points)::text AS points
    FROM (${actionFacts}) f
   GROUP BY 1, 2 HAVING sum(actions) <> 0 OR sum(grams) <> 0
   ORDER BY 1, 2`;

export const pointsFlowsSql = (granularity: 'day' | 'week' | 'month') => `
  SELECT ${period(granularity)} AS period,
         coalesce(sum(points) FILTER (WHERE flow = 'issued'), 0)::text AS issued,
         coalesce(sum(points) FILTER (WHERE flow = 'redeemed'), 0)::text AS redeemed,
         coalesce(sum(points) FILTER (WHERE flow = 'expired'), 0)::text AS expired,
         coalesce(sum(points) FILTER (WHERE flow = 'donated'), 0)::text AS donated
    FROM (SELECT day, flow, points FROM report_points_days WHERE day BETWEEN $1::date AND $2::date
          UNION ALL
          SELECT day, flow, points FROM report_points_deltas WHERE day BETWEEN $1::date AND $2::date) f
   GROUP BY 1 ORDER BY 1`;

/**
 * Active citizens per whole period (a week or month that overlaps the range counts all its days):
 * the compactor's counts, plus citizens in deltas it has not folded yet who are new to their period.
 */
export const activeCitizensSql = (granularity: 'day' | 'week' | 'month') => `
  WITH bounds AS (
    SELECT date_trunc('${granularity}', $1::date)::date AS first_start,
           date_trunc('${granularity}', $2::date)::date AS last_start
  ), pending AS (
    SELECT DISTINCT date_trunc('${granularity}', d.day)::date AS period_start, d.citizen_id
      FROM report_action_deltas d, bounds
     WHERE d.actions > 0 AND d.citizen_id IS NOT NULL -- an organisation's action has no citizen
       AND date_trunc('${granularity}', d.day)::date BETWEEN first_start AND last_start
       AND NOT EXISTS (SELECT 1 FROM report_active_citizens a
                        WHERE a.period = '${granularity}' AND a.period_start = date_trunc('${granularity}', d.day)::date
                          AND a.citizen_id = d.citizen_id)
  )
  SELECT to_char(period_start, 'YYYY-MM-DD') AS period, sum(citizens)::int AS active FROM (
    SELECT period_start, citizens FROM report_active_counts, bounds
     WHERE period = '${granularity}' AND period_start BETWEEN first_start AND last_start
    UNION ALL
    SELECT period_start, count(*) FROM pending GROUP BY 1
  ) c GROUP BY 1 ORDER BY 1`;

/** Distinct citizens with a settled action on any day of the range: a mask per year over the day bits. */
export const activeInRangeSql = `
  WITH years AS (
    SELECT y AS year,
           CASE WHEN y = extract(year FROM $1::date) THEN extract(doy FROM $1::date)::int - 1 ELSE 0 END AS first_bit,
           CASE WHEN y = extract(year FROM $2::date) THEN extract(doy FROM $2::date)::int - 1 ELSE 365 END AS last_bit
      FROM generate_series(extract(year FROM $1::date)::int, extract(year FROM $2::date)::int) AS y
  ), masks AS MATERIALIZED ( -- built once, not once per citizen row
    SELECT year, (repeat('0', first_bit) || repeat('1', last_bit - first_bit + 1) || repeat('0', 365 - last_bit))::bit(366) AS mask
      FROM years
  )
  SELECT count(*)::int AS active FROM (
    SELECT r.citizen_id FROM report_citizen_activity r JOIN masks m ON m.year = r.year
     WHERE (r.days & m.mask) <> B'0'::bit(366)
    UNION
    SELECT citizen_id FROM report_action_deltas
     WHERE actions > 0 AND citizen_id IS NOT NULL AND day BETWEEN $1::date AND $2::date
  ) c`;

export const liveMethodologiesSql = `
  SELECT methodology_id FROM (${actionFacts}) f GROUP BY 1 HAVING sum(actions) > 0 ORDER BY 1`;

export const tripShareSql = `
  SELECT coalesce(sum(green_trips), 0)::bigint::text AS green, coalesce(sum(total_trips), 0)::bigint::text AS total
    FROM partner_trip_statistics WHERE day BETWEEN $1::date AND $2::date`;

/** Reductions by district and methodology over the range (by occurred date, like every reduction figure). */
export const districtMethodologySql = `
  SELECT district_code::text AS district, methodology_id AS methodology,
         sum(actions)::bigint::text AS actions, sum(grams)::text AS grams
    FROM (${actionFacts}) f
   GROUP BY 1, 2 HAVING sum(actions) <> 0 OR sum(grams) <> 0
   ORDER BY 1, 2`;

/**
 * Closed-month changes: settled actions that occurred in a month but settled after it ended (China
 * time), e.g. a late review approval. Each one changed a month's figures after the month was over.
 * $1/$2 bound occurred_at as instants ([start of the first day, start of the day after the last)).
 */
export const closedMonthChangesSql = `
  SELECT to_char(month, 'YYYY-MM') AS month, ${a.methodologyId} AS methodology, ${a.districtCode}::text AS district,
         count(*)::int AS actions, sum(${a.grams})::text AS grams, sum(${a.points})::text AS points,
         max(${a.settledAt}) AS last_settled_at
    FROM (SELECT date_trunc('month', ${column.occurredAt} AT TIME ZONE 'Asia/Shanghai') AS month, *
            FROM actions
           WHERE ${column.status} = 'settled' AND ${column.occurredAt} >= $1 AND ${column.occurredAt} < $2) a
   WHERE ${a.settledAt} >= (month + interval '1 month') AT TIME ZONE 'Asia/Shanghai'
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3`;
