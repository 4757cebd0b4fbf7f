import type pg from 'pg';

export interface BacklogSpec {
  actions: number;
  citizens: number;
  districts: string[];
}

export interface BacklogSummary extends BacklogSpec {
  grams: string;
  seconds: number;
}

/**
 * A backlog of `quantified` cycling trips written with SQL only, as the worker's quantification
 * leaves them: version cycling@1, points rule 1, requested = credited grams (no cap reached: one
 * trip per citizen per day, at most 677 g against the 1,500 g daily cap), 1 point per gram.
 * Action i belongs to citizen i mod N and is quantified in order of i, so every settlement batch
 * touches as many distinct citizens as it has actions, and all the districts. Ids are derived from
 * i, so two databases generated alike hold the same rows. The statement trigger of `actions` queues
 * them (action_queue, stage quantified, queued at their quantified_at) as it queues any insert.
 */
export async function generateBacklog(client: pg.Client, spec: BacklogSpec): Promise<BacklogSummary> {
  const started = performance.now();
  const [{ id: versionId }] = (
    await client.query<{ id: string }>(
      `SELECT id FROM methodology_versions WHERE methodology_id = 'cycling' AND version = 1 AND status = 'published'`,
    )
  ).rows;
  if (!versionId) throw new Error('cycling@1 is not seeded');

  await client.query(
    `INSERT INTO citizens (id, openid_digest, district_code, created_at, last_login_at)
     SELECT md5('bench-citizen-' || c)::uuid, encode(sha256(('bench-citizen-' || c)::bytea), 'hex'),
            ($2::text[])[1 + c % cardinality($2::text[])], now(), now()
     FROM generate_series(0, $1::int - 1) AS c`,
    [spec.citizens, spec.districts],
  );

  // 15 km/h: a trip of m metres lasts ceil(m / 250) minutes; cycling@1 credits floor(m × 33.88 / 1000) g.
  await client.query(
    `INSERT INTO actions (id, citizen_id, district_code, methodology_id, source, idempotency_scope, idempotency_key,
                          request_hash, payload, occurred_at, interval_start, interval_end, status,
                          methodology_version_id, requested_grams, grams, points, points_rule_version, trace,
                          received_at, quantified_at, updated_at)
     SELECT md5('bench-action-' || i)::uuid, t.citizen, t.district, 'cycling', 'self', 'citizen:' || t.citizen,
            'bench-' || i, encode(sha256(('bench-action-' || i)::bytea), 'hex'),
            jsonb_build_object('mode', 'bike', 'distanceM', t.m,
                               'startedAt', to_char(t.started AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"'),
                               'endedAt', to_char(t.ended AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')),
            t.started, t.started, t.ended, 'quantified', $3::bigint, t.grams, t.grams, t.grams, 1,
            jsonb_build_array(
              jsonb_build_object('step', 'distance', 'value', t.m::text, 'unit', 'm'),
              jsonb_build_object('step', 'factor', 'value', '33.88', 'unit', 'gCO2e/pkm',
                                 'source', 'benchmark backlog (cycling@1 bike factor)'),
              jsonb_build_object('step', 'reduction', 'value', t.grams::text, 'unit', 'gCO2e',
                                 'note', 'floor(' || t.m || ' m / 1000 × 33.88)')),
            t.ended + interval '1 minute', t.quantified, t.quantified
     FROM generate_series(0, $1::int - 1) AS i
     CROSS JOIN LATERAL (
       SELECT md5('bench-citizen-' || (i % $2::int))::uuid AS citizen,
              ($4::text[])[1 + (i % $2::int) % cardinality($4::text[])] AS district,
              1000 + (i * 7919) % 19000 AS m,
              timestamptz '2025-03-01 07:00:00+08' + (i / $2::int) * interval '1 day' + (i % 600) * interval '1 minute' AS started,
              timestamptz '2025-12-01 00:00:00+08' + i * interval '1 millisecond' AS quantified
     ) AS s
     CROSS JOIN LATERAL (
       SELECT s.citizen, s.district, s.m, s.started, s.started + ceil(s.m / 250.0) * interval '1 minute' AS ended,
              (s.m * 3388 / 100000)::bigint AS grams, s.quantified
     ) AS t`,
    [spec.actions, spec.citizens, versionId, spec.districts],
  );
  const [{ grams }] = (
    await client.query<{ grams: string }>(
      `SELECT sum(grams)::text AS grams FROM actions WHERE status = 'quantified'`,
    )
  ).rows;
  return { ...spec, grams, seconds: (performance.now() - started) / 1000 };
}
