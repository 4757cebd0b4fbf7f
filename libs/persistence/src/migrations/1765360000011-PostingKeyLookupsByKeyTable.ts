import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: `ledger_postings_idempotency_lookup` (a plain index on each month's postings, left when the
 * key's uniqueness moved to `ledger_posting_keys`) served two lookups by idempotency key, and both now
 * read the key table's own unique index instead, which holds the id and the month:
 * - LedgerWriter, the ids of replayed postings: `SELECT id, idempotency_key FROM ledger_posting_keys
 *   WHERE idempotency_key = ANY($1)`;
 * - DonationLedgerRepository.postingCreatedAt: `SELECT created_at FROM ledger_posting_keys WHERE
 *   idempotency_key = $1`.
 * Every other read of a posting goes by id (entries, actions, lots, audit) or by cause.
 */
export class PostingKeyLookupsByKeyTable1765360000011 implements MigrationInterface {
  name = 'PostingKeyLookupsByKeyTable1765360000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ledger_postings_idempotency_lookup`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ledger_postings_idempotency_lookup ON ledger_postings (idempotency_key)`);
  }
}
