import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: `points_lots.posting_id REFERENCES ledger_posting_keys(id)` cost a row-level check per lot
 * (an SPI lookup and a key-share lock, which writes the locker into the key row). The parent never
 * loses a row — key rows refuse UPDATE and DELETE, and now TRUNCATE — so the check is made once per
 * statement instead: an anti-join of the new lots against the key table, with the foreign-key error
 * code (23503). A lot's posting cannot change (`posting_id` is refused in an UPDATE), so only inserts
 * need checking.
 */
export class LotPostingsPerStatement1765360000012 implements MigrationInterface {
  name = 'LotPostingsPerStatement1765360000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TRIGGER ledger_posting_keys_no_truncate BEFORE TRUNCATE ON ledger_posting_keys
       FOR EACH STATEMENT EXECUTE FUNCTION forbid_ledger_rewrite()`,
    );
    await q.query(`
      CREATE FUNCTION check_lot_postings() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE orphan record;
      BEGIN
        SELECT l.id, l.posting_id INTO orphan FROM new_lots l
         WHERE NOT EXISTS (SELECT 1 FROM ledger_posting_keys k WHERE k.id = l.posting_id)
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'points lot % names posting %, which does not exist', orphan.id, orphan.posting_id
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION forbid_lot_posting_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a points lot keeps the posting that earned it: lot % refused', OLD.id
          USING ERRCODE = 'foreign_key_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER points_lots_postings AFTER INSERT ON points_lots
      REFERENCING NEW TABLE AS new_lots FOR EACH STATEMENT EXECUTE FUNCTION check_lot_postings()`);
    await q.query(`
      CREATE TRIGGER points_lots_posting_kept BEFORE UPDATE OF posting_id ON points_lots
      FOR EACH ROW WHEN (OLD.posting_id IS DISTINCT FROM NEW.posting_id)
      EXECUTE FUNCTION forbid_lot_posting_change()`);
    await q.query(`ALTER TABLE points_lots DROP CONSTRAINT points_lots_posting_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE points_lots ADD CONSTRAINT points_lots_posting_id_fkey FOREIGN KEY (posting_id) REFERENCES ledger_posting_keys(id)`,
    );
    await q.query(`DROP TRIGGER points_lots_posting_kept ON points_lots`);
    await q.query(`DROP TRIGGER points_lots_postings ON points_lots`);
    await q.query(`DROP FUNCTION forbid_lot_posting_change(), check_lot_postings()`);
    await q.query(`DROP TRIGGER ledger_posting_keys_no_truncate ON ledger_posting_keys`);
  }
}
