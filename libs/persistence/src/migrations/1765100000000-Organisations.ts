import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: organisations (small businesses and public institutions) registered by the bureau, the
 * citizens who act for them, and the organisation an action is done for. An organisation's action is
 * an ordinary action (same methodologies, same pipeline) submitted by a member, marked with the
 * organisation it credits.
 */
export class Organisations1765100000000 implements MigrationInterface {
  name = 'Organisations1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        credit_code char(18) NOT NULL UNIQUE,
        district_code char(6) NOT NULL,
        kind text NOT NULL CHECK (kind IN ('small-business', 'public-institution')),
        created_by uuid NOT NULL REFERENCES admins(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz,
        disabled_by uuid REFERENCES admins(id)
      )`);
    await q.query(`
      CREATE TABLE organisation_members (
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        citizen_id uuid NOT NULL REFERENCES citizens(id),
        role text NOT NULL CHECK (role IN ('manager', 'member')),
        added_by uuid NOT NULL REFERENCES admins(id),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, citizen_id)
      )`);
    await q.query(`CREATE INDEX organisation_members_citizen ON organisation_members (citizen_id)`);
    // The organisation's consent, given through the bureau: which partners may push its data.
    await q.query(`
      CREATE TABLE organisation_partners (
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        partner_id text NOT NULL REFERENCES partners(id),
        granted_by uuid NOT NULL REFERENCES admins(id),
        granted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, partner_id)
      )`);
    await q.query(`ALTER TABLE actions ADD COLUMN organisation_id uuid REFERENCES organisations(id)`);
    await q.query(
      `CREATE INDEX actions_organisation ON actions (organisation_id, received_at DESC, id DESC) WHERE organisation_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX actions_organisation`);
    await q.query(`ALTER TABLE actions DROP COLUMN organisation_id`);
    await q.query(`DROP TABLE organisation_partners, organisation_members, organisations`);
  }
}
