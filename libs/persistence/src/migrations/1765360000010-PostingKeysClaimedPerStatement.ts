import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: a posting's key row in `ledger_posting_keys` was claimed by a BEFORE INSERT row trigger on
 * `ledger_postings` (`claim_posting_key()`): a PL/pgSQL call and an INSERT through SPI per posting, the
 * largest part of what a posting cost. LedgerWriter now claims the batch's keys itself, in the same
 * statement as the postings (`INSERT INTO ledger_posting_keys … ON CONFLICT DO NOTHING RETURNING`, then
 * the postings whose key it won), so a key already taken still means "posted before: replayed".
 *
 * The database still refuses a posting that did not claim its key: once per statement, an anti-join of
 * the new postings against the key table (by id, then comparing the month and the key) raises a
 * unique_violation when a posting has no key row, or when its key row names another id or month —
 * so a direct INSERT cannot put two postings under one idempotency key or one id. (As for the entries'
 * statement checks, a statement trigger of the partitioned parent does not fire for an INSERT aimed
 * at one partition by name; the application never writes that way.)
 */
export class PostingKeysClaimedPerStatement1765360000010 implements MigrationInterface {
  name = 'PostingKeysClaimedPerStatement1765360000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER ledger_postings_claim_key ON ledger_postings`);
    await q.query(`DROP FUNCTION claim_posting_key()`);
    await q.query(`
      CREATE FUNCTION check_posting_keys() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE unclaimed record;
      BEGIN
        SELECT n.id, n.idempotency_key INTO unclaimed FROM new_postings n
         WHERE NOT EXISTS (SELECT 1 FROM ledger_posting_keys k
                            WHERE k.id = n.id AND k.created_at = n.created_at AND k.idempotency_key = n.idempotency_key)
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'posting % (idempotency key %) has no key of its own in ledger_posting_keys: the key is taken or was not claimed', unclaimed.id, unclaimed.idempotency_key
            USING ERRCODE = 'unique_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_postings_keys_claimed AFTER INSERT ON ledger_postings
      REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION check_posting_keys()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER ledger_postings_keys_claimed ON ledger_postings`);
    await q.query(`DROP FUNCTION check_posting_keys()`);
    // As key-tables.sql.ts created them (migration 1765330000000).
    await q.query(`
      CREATE FUNCTION claim_posting_key() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ledger_posting_keys (id, created_at, idempotency_key)
        VALUES (NEW.id, NEW.created_at, NEW.idempotency_key)
        ON CONFLICT (idempotency_key) DO NOTHING;
        IF FOUND THEN RETURN NEW; END IF;
        RETURN NULL; -- posted before: an idempotent replay writes nothing
      END $$`);
    await q.query(
      `CREATE TRIGGER ledger_postings_claim_key BEFORE INSERT ON ledger_postings FOR EACH ROW EXECUTE FUNCTION claim_posting_key()`,
    );
  }
}
