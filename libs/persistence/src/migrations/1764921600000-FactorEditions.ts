import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emission factors gain an edition: a published row is immutable and cited by published versions, so
 * a correction of the same (kind, region, year) — a wrong citation, a revised value — is the next
 * edition beside it, never an edit. Existing rows are edition 1, which references name without a
 * suffix, so every stored reference resolves to the row it resolved to before.
 */
export class FactorEditions1764921600000 implements MigrationInterface {
  name = 'FactorEditions1764921600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE emission_factors ADD COLUMN edition int NOT NULL DEFAULT 1 CHECK (edition >= 1)`,
    );
    await q.query(`ALTER TABLE emission_factors DROP CONSTRAINT emission_factors_pkey`);
    await q.query(`ALTER TABLE emission_factors ADD PRIMARY KEY (kind, region, year, edition)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION forbid_factor_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'emission factor %/%/% edition % is published and immutable',
          OLD.kind, OLD.region, OLD.year, OLD.edition
          USING ERRCODE = 'check_violation';
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Later editions cannot fit the old key. Going down refuses while a version cites one; otherwise it
    // drops them (the seeds insert them again after up).
    const citing = (await q.query(
      `SELECT count(*)::int AS n FROM methodology_versions WHERE params::text ~ '"\\$factor": "[^"]*/e[0-9]+"'`,
    )) as { n: number }[];
    if (citing[0].n > 0)
      throw new Error('methodology versions cite corrected factor editions; cannot drop the edition');
    await q.query(`ALTER TABLE emission_factors DISABLE TRIGGER emission_factors_immutable`);
    await q.query(`DELETE FROM emission_factors WHERE edition > 1`);
    await q.query(`ALTER TABLE emission_factors ENABLE TRIGGER emission_factors_immutable`);
    await q.query(`
      CREATE OR REPLACE FUNCTION forbid_factor_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'emission factor %/%/% is published and immutable', OLD.kind, OLD.region, OLD.year
          USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`ALTER TABLE emission_factors DROP CONSTRAINT emission_factors_pkey`);
    await q.query(`ALTER TABLE emission_factors ADD PRIMARY KEY (kind, region, year)`);
    await q.query(`ALTER TABLE emission_factors DROP COLUMN edition`);
  }
}
