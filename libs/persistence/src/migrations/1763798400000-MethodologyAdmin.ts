import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emission factors as data, administrators, caps and the review queue on actions, and the
 * cross-source fingerprint.
 */
export class MethodologyAdmin1763798400000 implements MigrationInterface {
  name = 'MethodologyAdmin1763798400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE emission_factors (
        kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]*$'),
        region text NOT NULL CHECK (region ~ '^[a-z0-9][a-z0-9-]*$'),
        year int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
        value numeric(20, 10) NOT NULL CHECK (value >= 0),
        unit text NOT NULL,
        source text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, region, year)
      )`);
    // A published factor is cited by quantified actions: a correction is a new row, never an edit.
    await q.query(`
      CREATE FUNCTION forbid_factor_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'emission factor %/%/% is published and immutable', OLD.kind, OLD.region, OLD.year
          USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER emission_factors_immutable BEFORE UPDATE OR DELETE ON emission_factors
      FOR EACH ROW EXECUTE FUNCTION forbid_factor_rewrite()`);

    await q.query(`
      CREATE TABLE admins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9_.-]{3,64}$'),
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'auditor')),
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      )`);

    await q.query(`
      ALTER TABLE actions
        ADD COLUMN requested_grams bigint CHECK (requested_grams >= 0),
        ADD COLUMN cap_applied text,
        ADD COLUMN fingerprint text,
        ADD COLUMN review_decision text CHECK (review_decision IN ('approved', 'rejected')),
        ADD COLUMN review_note text,
        ADD COLUMN reviewed_by uuid REFERENCES admins(id),
        ADD COLUMN reviewed_at timestamptz`);
    await q.query(`CREATE INDEX actions_review_queue ON actions (received_at) WHERE status = 'review'`);
    await q.query(
      `CREATE INDEX actions_citizen_fingerprint ON actions (citizen_id, methodology_id, fingerprint) WHERE fingerprint IS NOT NULL`,
    );
    await q.query(`CREATE INDEX actions_citizen_usage ON actions (citizen_id, methodology_id, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX actions_citizen_usage, actions_citizen_fingerprint, actions_review_queue`);
    await q.query(`
      ALTER TABLE actions DROP COLUMN requested_grams, DROP COLUMN cap_applied, DROP COLUMN fingerprint,
        DROP COLUMN review_decision, DROP COLUMN review_note, DROP COLUMN reviewed_by, DROP COLUMN reviewed_at`);
    await q.query(`DROP TABLE admins`);
    await q.query(`DROP TABLE emission_factors`);
    await q.query(`DROP FUNCTION forbid_factor_rewrite()`);
  }
}
