import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: public institutions' annual emissions inventories (by scope, with each factor used and
 * its source) and the pool retirements made against them (碳中和). Inventories, their lines and the
 * links are append-only: a recorded year is evidence behind certificates.
 */
export class EmissionInventories1765100000001 implements MigrationInterface {
  name = 'EmissionInventories1765100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE emission_inventories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        total_grams bigint NOT NULL CHECK (total_grams > 0),
        recorded_by uuid NOT NULL REFERENCES admins(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, year)
      )`);
    await q.query(`
      CREATE TABLE emission_inventory_lines (
        inventory_id uuid NOT NULL REFERENCES emission_inventories(id),
        line_no int NOT NULL CHECK (line_no > 0),
        scope smallint NOT NULL CHECK (scope IN (1, 2, 3)),
        source text NOT NULL,
        activity text NOT NULL,
        activity_unit text NOT NULL,
        factor text NOT NULL,
        factor_source text NOT NULL,
        grams bigint NOT NULL CHECK (grams >= 0),
        PRIMARY KEY (inventory_id, line_no)
      )`);
    await q.query(`
      CREATE TABLE inventory_retirements (
        retirement_id uuid PRIMARY KEY REFERENCES retirements(id),
        inventory_id uuid NOT NULL REFERENCES emission_inventories(id),
        linked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX inventory_retirements_inventory ON inventory_retirements (inventory_id)`);
    for (const table of ['emission_inventories', 'emission_inventory_lines', 'inventory_retirements']) {
      await q.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION forbid_ledger_rewrite()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inventory_retirements, emission_inventory_lines, emission_inventories`);
  }
}
