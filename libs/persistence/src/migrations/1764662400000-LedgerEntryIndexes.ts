import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fewer index writes per ledger entry, the settlement hot path. (account_id, id DESC) duplicated what
 * the unique (account_id, account_version) index already finds; entries are appended in posting
 * order, so a BRIN index finds a posting's entries at a fraction of a b-tree's upkeep.
 */
export class LedgerEntryIndexes1764662400000 implements MigrationInterface {
  name = 'LedgerEntryIndexes1764662400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ledger_entries_account_recent`);
    await q.query(`DROP INDEX ledger_entries_posting`);
    await q.query(
      `CREATE INDEX ledger_entries_posting_brin ON ledger_entries USING brin (posting_id) WITH (pages_per_range = 16)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ledger_entries_posting_brin`);
    await q.query(`CREATE INDEX ledger_entries_posting ON ledger_entries (posting_id)`);
    await q.query(`CREATE INDEX ledger_entries_account_recent ON ledger_entries (account_id, id DESC)`);
  }
}
