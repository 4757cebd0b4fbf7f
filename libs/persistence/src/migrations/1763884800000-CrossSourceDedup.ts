import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The same real-world event from a more trusted source supersedes what a less trusted one reported. */
export class CrossSourceDedup1763884800000 implements MigrationInterface {
  name = 'CrossSourceDedup1763884800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE actions
        ADD COLUMN supersedes uuid[],
        ADD COLUMN superseded_by uuid REFERENCES actions(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE actions DROP COLUMN superseded_by, DROP COLUMN supersedes`);
  }
}
