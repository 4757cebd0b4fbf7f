import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: every status move (received → quantified → settled) changes `status`, which the partial
 * indexes' predicates name, so each move writes an entry in every index of `actions`. Three indexes no
 * query needs on their own go:
 * - `actions_pending` (updated_at, for received/quantified rows): the stuck-action sweep and the
 *   operations snapshot find those rows through the two queue indexes (`actions_quantification_queue`,
 *   `actions_settlement_queue`), which hold exactly the same rows; the sweep's `updated_at` filter then
 *   reads a queue that is small by design. It was also the only index on `updated_at`, which every move
 *   rewrites.
 * - `actions_citizen_settled` (citizen_id, occurred_at for settled rows): the badge and activity
 *   queries ask for one citizen's settled actions, which `actions_citizen_usage`
 *   (citizen_id, methodology_id, occurred_at) finds by its citizen prefix; a citizen has hundreds of
 *   actions a year, not millions. It gained an entry at every settlement.
 * - `actions_citizen_fingerprint` (citizen_id, methodology_id, fingerprint): no query filters on the
 *   fingerprint any more (duplicate events are found by `event_subject`, which has its own index);
 *   it is read only as a column of rows found otherwise.
 * The list of the indexes that remain, each with the query that needs it, is in docs/design.md.
 */
export class SlimActionIndexes1765320000001 implements MigrationInterface {
  name = 'SlimActionIndexes1765320000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS actions_pending`);
    await q.query(`DROP INDEX IF EXISTS actions_citizen_settled`);
    await q.query(`DROP INDEX IF EXISTS actions_citizen_fingerprint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX actions_citizen_fingerprint ON actions (citizen_id, methodology_id, fingerprint) WHERE fingerprint IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX actions_pending ON actions (updated_at) WHERE status IN ('received', 'quantified')`,
    );
    await q.query(
      `CREATE INDEX actions_citizen_settled ON actions (citizen_id, occurred_at) WHERE status = 'settled'`,
    );
  }
}
