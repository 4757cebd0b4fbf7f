import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Points lots with expiry, campaigns, and the bureau's retirements (注销) from regional pools. */
export class PointsAndPools1763971200000 implements MigrationInterface {
  name = 'PointsAndPools1763971200000';

  async up(q: QueryRunner): Promise<void> {
    // Pools and retired reductions are credit-normal: their available grams are minus their balance.
    await q.query(`
      ALTER TABLE accounts ADD CONSTRAINT accounts_pool_not_overdrawn
        CHECK (kind NOT IN ('reduction_pool', 'retired_reductions') OR balance <= 0)`);

    await q.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        region_scope text[],
        methodologies text[],
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        multiplier numeric(6, 3) NOT NULL CHECK (multiplier >= 1 AND multiplier <= 10),
        created_by uuid REFERENCES admins(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX campaigns_window ON campaigns (starts_at, ends_at) WHERE cancelled_at IS NULL`,
    );
    await q.query(`ALTER TABLE actions ADD COLUMN campaign_id uuid REFERENCES campaigns(id)`);

    await q.query(`
      CREATE TABLE points_lots (
        id bigserial PRIMARY KEY,
        citizen_id uuid NOT NULL,
        posting_id bigint NOT NULL REFERENCES ledger_postings(id),
        points bigint NOT NULL CHECK (points > 0),
        remaining bigint NOT NULL CHECK (remaining >= 0 AND remaining <= points),
        earned_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL CHECK (expires_at > earned_at),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX points_lots_open ON points_lots (citizen_id, expires_at, id) WHERE remaining > 0`,
    );
    await q.query(`CREATE INDEX points_lots_expiring ON points_lots (expires_at) WHERE remaining > 0`);

    await q.query(`CREATE SEQUENCE retirement_serial`);
    await q.query(`
      CREATE TABLE retirements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        serial text NOT NULL UNIQUE,
        region char(6) NOT NULL,
        grams bigint NOT NULL CHECK (grams > 0),
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
        beneficiary text,
        idempotency_key text NOT NULL UNIQUE,
        request_hash char(64) NOT NULL,
        posting_id bigint NOT NULL REFERENCES ledger_postings(id),
        created_by uuid NOT NULL REFERENCES admins(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TRIGGER retirements_append_only BEFORE UPDATE OR DELETE ON retirements
      FOR EACH ROW EXECUTE FUNCTION forbid_ledger_rewrite()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE retirements`);
    await q.query(`DROP SEQUENCE retirement_serial`);
    await q.query(`DROP TABLE points_lots`);
    await q.query(`ALTER TABLE actions DROP COLUMN campaign_id`);
    await q.query(`DROP TABLE campaigns`);
    await q.query(`ALTER TABLE accounts DROP CONSTRAINT accounts_pool_not_overdrawn`);
  }
}
