import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The quantification claim (`status = 'received' ORDER BY received_at, id`) reads a partial index
 * instead of sorting the whole actions table, as the settlement claim already does.
 */
export class QuantificationQueueIndex1764489600000 implements MigrationInterface {
  name = 'QuantificationQueueIndex1764489600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX actions_quantification_queue ON actions (received_at, id) WHERE status = 'received'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX actions_quantification_queue`);
  }
}
