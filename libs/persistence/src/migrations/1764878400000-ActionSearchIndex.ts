import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console's action search pages newest-first by (occurred_at, id), and the closed-month report
 * reads settled actions by occurred date: both walk this index instead of sorting the whole table.
 */
export class ActionSearchIndex1764878400000 implements MigrationInterface {
  name = 'ActionSearchIndex1764878400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX actions_occurred ON actions (occurred_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX actions_occurred`);
  }
}
