import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The outcome of each scheduled reconciliation, so any API replica can expose the latest as metrics. */
export class ReconciliationRuns1764057600000 implements MigrationInterface {
  name = 'ReconciliationRuns1764057600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reconciliation_runs (
        id bigserial PRIMARY KEY,
        ran_at timestamptz NOT NULL DEFAULT now(),
        ok boolean NOT NULL,
        duration_ms int NOT NULL,
        violations jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX reconciliation_runs_recent ON reconciliation_runs (ran_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reconciliation_runs`);
  }
}
