import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: `actions.posting_id REFERENCES ledger_posting_keys(id)` cost a row-level check per settled
 * action (an SPI lookup and a key-share lock written into the posting's key row), in the UPDATE that
 * settles a batch. The parent never loses a row (key rows refuse UPDATE, DELETE and TRUNCATE), so the
 * check is made once per UPDATE statement instead: an anti-join of the updated rows that name a posting
 * against the key table, with the foreign-key error code (23503). The transition table is the one
 * `actions_report_changes` already captures for the same statement.
 *
 * An INSERT naming a posting (the application never writes one; actions are settled by UPDATE) is
 * checked per row by a trigger whose WHEN clause skips the rows without one, so the ingest path, whose
 * actions have no posting yet, pays nothing but that test.
 */
export class ActionPostingsPerStatement1765360000013 implements MigrationInterface {
  name = 'ActionPostingsPerStatement1765360000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION check_action_postings() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE orphan record;
      BEGIN
        SELECT n.id, n.posting_id INTO orphan FROM new_action_postings n
         WHERE n.posting_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM ledger_posting_keys k WHERE k.id = n.posting_id)
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'action % names posting %, which does not exist', orphan.id, orphan.posting_id
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION check_action_posting() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM ledger_posting_keys k WHERE k.id = NEW.posting_id) THEN
          RAISE EXCEPTION 'action % names posting %, which does not exist', NEW.id, NEW.posting_id
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER actions_postings_exist AFTER UPDATE ON actions
      REFERENCING NEW TABLE AS new_action_postings FOR EACH STATEMENT EXECUTE FUNCTION check_action_postings()`);
    await q.query(`
      CREATE TRIGGER actions_inserted_posting_exists BEFORE INSERT ON actions
      FOR EACH ROW WHEN (NEW.posting_id IS NOT NULL) EXECUTE FUNCTION check_action_posting()`);
    await q.query(`ALTER TABLE actions DROP CONSTRAINT actions_posting_fk`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE actions ADD CONSTRAINT actions_posting_fk FOREIGN KEY (posting_id) REFERENCES ledger_posting_keys(id)`,
    );
    await q.query(`DROP TRIGGER actions_inserted_posting_exists ON actions`);
    await q.query(`DROP TRIGGER actions_postings_exist ON actions`);
    await q.query(`DROP FUNCTION check_action_posting(), check_action_postings()`);
  }
}
