import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Partners, their signing keys, idempotent partner writes, and citizens' bindings to partners. */
export class Partners1764144000000 implements MigrationInterface {
  name = 'Partners1764144000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partners (
        id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,63}$'),
        display_name text NOT NULL,
        kinds text[] NOT NULL,
        methodologies text[] NOT NULL DEFAULT '{}',
        may_redeem boolean NOT NULL DEFAULT false,
        webhook_url text,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE partner_keys (
        id text PRIMARY KEY,
        partner_id text NOT NULL REFERENCES partners(id),
        secret_ciphertext text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX partner_keys_partner ON partner_keys (partner_id)`);
    await q.query(`
      CREATE TABLE partner_requests (
        partner_id text NOT NULL REFERENCES partners(id),
        idempotency_key text NOT NULL,
        request_hash char(64) NOT NULL,
        status_code int NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partner_id, idempotency_key)
      )`);
    await q.query(`
      CREATE TABLE bindings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        citizen_id uuid NOT NULL REFERENCES citizens(id),
        partner_id text NOT NULL REFERENCES partners(id),
        partner_citizen_id text UNIQUE,
        code_digest char(64) UNIQUE,
        code_expires_at timestamptz,
        status text NOT NULL CHECK (status IN ('pending', 'active', 'revoked')),
        created_at timestamptz NOT NULL DEFAULT now(),
        activated_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX bindings_citizen ON bindings (citizen_id, created_at DESC)`);
    await q.query(
      `CREATE UNIQUE INDEX bindings_one_active ON bindings (citizen_id, partner_id) WHERE status = 'active'`,
    );
    await q.query(`ALTER TABLE actions ADD COLUMN partner_event_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE actions DROP COLUMN partner_event_id`);
    await q.query(`DROP TABLE bindings, partner_requests, partner_keys, partners`);
  }
}
