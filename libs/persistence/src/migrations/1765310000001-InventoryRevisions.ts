import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 follow-up: an institution's year can be corrected. A correction is a new revision of the
 * year's inventory (the earlier ones stay, append-only, as evidence behind the certificates issued
 * against them); the year's figures and statement use the latest revision, and retirements against
 * any revision of the year count for it. Existing inventories become revision 1.
 */
export class InventoryRevisions1765310000001 implements MigrationInterface {
  name = 'InventoryRevisions1765310000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE emission_inventories ADD COLUMN revision int NOT NULL DEFAULT 1 CHECK (revision > 0),
         ADD COLUMN correction_note text CHECK ((revision = 1) = (correction_note IS NULL))`,
    );
    await q.query(
      `ALTER TABLE emission_inventories DROP CONSTRAINT emission_inventories_organisation_id_year_key`,
    );
    await q.query(
      `ALTER TABLE emission_inventories ADD CONSTRAINT emission_inventories_revision UNIQUE (organisation_id, year, revision)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Fails (and rolls back) once a year has been corrected: the old schema holds one inventory a year.
    await q.query(`ALTER TABLE emission_inventories DROP CONSTRAINT emission_inventories_revision`);
    await q.query(
      `ALTER TABLE emission_inventories ADD CONSTRAINT emission_inventories_organisation_id_year_key UNIQUE (organisation_id, year)`,
    );
    await q.query(`ALTER TABLE emission_inventories DROP COLUMN correction_note, DROP COLUMN revision`);
  }
}
