import type { MigrationInterface, QueryRunner } from 'typeorm';

const BALANCE_CHECK = `
        SELECT posting_id, asset, sum(amount) AS total INTO unbalanced
          FROM new_entries GROUP BY posting_id, asset HAVING sum(amount) <> 0 LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'posting % does not balance in %: off by %', unbalanced.posting_id, unbalanced.asset, unbalanced.total
            USING ERRCODE = 'check_violation';
        END IF;`;

/**
 * Issue 14: the two foreign keys of `ledger_entries` cost PostgreSQL a row-level check each per entry
 * (four entries per settled action: eight lookups and key-share locks through SPI), about as much as
 * writing the entries. Both parents never lose a row — postings are append-only already, and accounts
 * now refuse DELETE, TRUNCATE and a change of id — so what the foreign keys still verify is that each
 * new entry names an existing posting and account. The statement trigger that already checks each
 * batch balances now checks that too, once per statement, as one anti-join. The guarantee is the
 * same (the database refuses an orphan entry, with the foreign-key error code); its cost is per batch.
 */
export class LedgerReferencesPerStatement1765320000002 implements MigrationInterface {
  name = 'LedgerReferencesPerStatement1765320000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION forbid_account_removal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'accounts keep their ledger entries: % refused', TG_OP USING ERRCODE = 'foreign_key_violation';
      END $$`);
    await q.query(
      `CREATE TRIGGER accounts_kept BEFORE DELETE OR UPDATE OF id ON accounts FOR EACH ROW EXECUTE FUNCTION forbid_account_removal()`,
    );
    await q.query(
      `CREATE TRIGGER accounts_no_truncate BEFORE TRUNCATE ON accounts FOR EACH STATEMENT EXECUTE FUNCTION forbid_account_removal()`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION check_entries_balance() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE unbalanced record; orphan record;
      BEGIN${BALANCE_CHECK}
        SELECT e.posting_id, e.account_id INTO orphan FROM new_entries e
         WHERE NOT EXISTS (SELECT 1 FROM ledger_postings p WHERE p.id = e.posting_id)
            OR NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = e.account_id)
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'ledger entry of posting % and account % refers to a row that does not exist', orphan.posting_id, orphan.account_id
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_posting_id_fkey`);
    await q.query(`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_account_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts(id)`,
    );
    await q.query(
      `ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_posting_id_fkey FOREIGN KEY (posting_id) REFERENCES ledger_postings(id)`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION check_entries_balance() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE unbalanced record;
      BEGIN${BALANCE_CHECK}
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER accounts_no_truncate ON accounts`);
    await q.query(`DROP TRIGGER accounts_kept ON accounts`);
    await q.query(`DROP FUNCTION forbid_account_removal()`);
  }
}
