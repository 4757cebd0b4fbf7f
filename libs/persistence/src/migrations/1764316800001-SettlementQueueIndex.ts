import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The settlement worker claims `WHERE status = 'quantified' ORDER BY quantified_at, id LIMIT n FOR
 * UPDATE SKIP LOCKED`. Without an index in that order every batch read and sorted the whole actions
 * table (settled history included): ~100 ms of a 1,000-action batch at 100,000 rows, growing with
 * the table. This partial index holds only the actions waiting for settlement, in claim order.
 */
export class SettlementQueueIndex1764316800001 implements MigrationInterface {
  name = 'SettlementQueueIndex1764316800001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX actions_settlement_queue ON actions (quantified_at, id) WHERE status = 'quantified'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX actions_settlement_queue`);
  }
}
