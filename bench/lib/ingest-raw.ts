import type { IngestLoad } from './ingest-api.js';
import pg from 'pg';
import { CpuSampler } from './cpu.js';
import { databaseUrl } from './databases.js';
import { DatabaseCpuSampler } from './ingest-postgres-cpu.js';
import { percentile, round } from './timing.js';

export interface RawIngestRun {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  inserted: number;
  perSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: number;
  firstError?: string;
  cpuCores: Record<string, number>;
  /** CPU milliseconds per inserted row spent in PostgreSQL (all; this database's backends and writers). */
  cpuMsPerRequest: { postgres: number; postgresThisDatabase: number };
}

/** The statement ActionsService.submit() sends for a new action, verbatim. */
const INSERT_ACTION = `INSERT INTO actions (citizen_id, district_code, methodology_id, source, idempotency_scope, idempotency_key,
                            request_hash, payload, evidence, occurred_at, interval_start, interval_end)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT DO NOTHING
       RETURNING id, status`;

/**
 * (e) The ingest yardstick: `connections` node-postgres clients, each looping the same one-row
 * INSERT the API sends (autocommit: one transaction per row), for the same duration, into the same
 * `actions` table of a database migrated and seeded alike. Citizens are created with SQL first.
 */
export async function runRawIngest(options: IngestLoad & { database: string }): Promise<RawIngestRun> {
  const url = databaseUrl(options.database);
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  let citizens: { id: string; district_code: string }[];
  try {
    citizens = (
      await setup.query<{ id: string; district_code: string }>(
        `INSERT INTO citizens (openid_digest, district_code)
         SELECT encode(sha256(($1 || '-' || c)::bytea), 'hex'), ($3::text[])[1 + c % cardinality($3::text[])]
         FROM generate_series(0, $2::int - 1) AS c
         RETURNING id, district_code`,
        [`bench-raw-${options.runId}`, options.citizens, options.districts],
      )
    ).rows;
  } finally {
    await setup.end();
  }

  const clients = await Promise.all(
    Array.from({ length: options.connections }, async () => {
      const client = new pg.Client({ connectionString: url, application_name: 'carbon-bench-raw-ingest' });
      await client.connect();
      return client;
    }),
  );
  let errors = 0;
  let firstError: string | undefined;
  const anchor = Date.now() - 24 * 3_600_000;
  let sequence = 0;

  const phase = async (label: string, seconds: number, latencies: number[] | null) => {
    const deadline = performance.now() + seconds * 1000;
    let count = 0;
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < deadline) {
          const i = sequence++;
          const citizen = citizens[i % citizens.length];
          const start = anchor - (i % 200_000) * 60_000;
          const startedAt = new Date(start).toISOString();
          const endedAt = new Date(start + 20 * 60_000).toISOString();
          const sent = performance.now();
          try {
            await client.query(INSERT_ACTION, [
              citizen.id,
              citizen.district_code,
              'cycling',
              'self',
              `citizen:${citizen.id}`,
              `${label}-${options.runId}-${i}`,
              'f'.repeat(64),
              `{"mode":"bike","distanceM":5000,"startedAt":"${startedAt}","endedAt":"${endedAt}"}`,
              null,
              startedAt,
              startedAt,
              endedAt,
            ]);
            latencies?.push(performance.now() - sent);
            count += 1;
          } catch (error) {
            errors += 1;
            firstError ??= (error as Error).message;
          }
        }
      }),
    );
    return count;
  };

  try {
    if (options.warmupSeconds > 0) {
      options.log(`warm-up ${options.warmupSeconds} s (not counted)`);
      await phase('rw', options.warmupSeconds, null);
    }
    options.log(`measuring ${options.durationSeconds} s at ${options.connections} connections`);
    errors = 0;
    firstError = undefined;
    const latencies: number[] = [];
    const databaseCpu = await DatabaseCpuSampler.start(options.database);
    const cpu = new CpuSampler({});
    const started = performance.now();
    const inserted = await phase('rm', options.durationSeconds, latencies);
    const seconds = (performance.now() - started) / 1000;
    const cpuCores = cpu.stop();
    const databaseCores = databaseCpu.stop();
    latencies.sort((a, b) => a - b);
    return {
      connections: options.connections,
      durationSeconds: round(seconds, 3),
      warmupSeconds: options.warmupSeconds,
      inserted,
      perSecond: round(inserted / seconds),
      latencyMs: {
        p50: round(percentile(latencies, 50), 2),
        p90: round(percentile(latencies, 90), 2),
        p99: round(percentile(latencies, 99), 2),
        max: round(latencies.at(-1) ?? 0, 2),
        mean: round(latencies.reduce((s, v) => s + v, 0) / Math.max(latencies.length, 1), 2),
      },
      errors,
      firstError,
      cpuCores,
      cpuMsPerRequest: {
        postgres: round((cpuCores.postgres * 1000) / Math.max(inserted / seconds, 1), 3),
        postgresThisDatabase: round((databaseCores * 1000) / Math.max(inserted / seconds, 1), 3),
      },
    };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}
