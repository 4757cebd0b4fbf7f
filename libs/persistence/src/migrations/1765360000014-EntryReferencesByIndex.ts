import type { MigrationInterface, QueryRunner } from 'typeorm';

// Frozen copies as of this migration (a later change is a new migration).
const BALANCE_CHECK = `
        SELECT posting_id, asset, sum(amount) AS total INTO unbalanced
          FROM new_entries GROUP BY posting_id, asset HAVING sum(amount) <> 0 LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'posting % does not balance in %: off by %', unbalanced.posting_id, unbalanced.asset, unbalanced.total
            USING ERRCODE = 'check_violation';
        END IF;`;

const ORPHAN_ERROR = `
        IF FOUND THEN
          RAISE EXCEPTION 'ledger entry of posting % and account % refers to a row that does not exist', orphan.posting_id, orphan.account_id
            USING ERRCODE = 'foreign_key_violation';
        END IF;`;

/**
 * Issue 14: the entries' statement check of their posting and account (LedgerReferencesPerStatement,
 * EntryPostingsByKeyTable) asked both in one WHERE, `NOT EXISTS (posting) OR NOT EXISTS (account)`.
 * PostgreSQL cannot turn an OR of two NOT EXISTS into anti-joins, so it ran them as hashed subplans:
 * every batch read ALL of `ledger_posting_keys` and ALL of `accounts` to build two hash tables — a
 * cost growing with the whole ledger (the bench's 20,000 postings: about 8 ms of a 1,000-action batch;
 * a city's year of postings: seconds). Two separate anti-joins, each over the batch's distinct ids,
 * probe the primary keys instead (about 1.5 ms each for 1,000 postings and 2,000 accounts). Same rows
 * refused, same error and code (23503).
 */
export class EntryReferencesByIndex1765360000014 implements MigrationInterface {
  name = 'EntryReferencesByIndex1765360000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION check_entries_balance() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE unbalanced record; orphan record;
      BEGIN${BALANCE_CHECK}
        SELECT e.posting_id, NULL::bigint AS account_id INTO orphan
          FROM (SELECT DISTINCT posting_id FROM new_entries) e
         WHERE NOT EXISTS (SELECT 1 FROM ledger_posting_keys p WHERE p.id = e.posting_id)
         LIMIT 1;
        IF NOT FOUND THEN
          SELECT NULL::bigint AS posting_id, e.account_id INTO orphan
            FROM (SELECT DISTINCT account_id FROM new_entries) e
           WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = e.account_id)
           LIMIT 1;
        END IF;${ORPHAN_ERROR}
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION check_entries_balance() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE unbalanced record; orphan record;
      BEGIN${BALANCE_CHECK}
        SELECT e.posting_id, e.account_id INTO orphan FROM new_entries e
         WHERE NOT EXISTS (SELECT 1 FROM ledger_posting_keys p WHERE p.id = e.posting_id)
            OR NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = e.account_id)
         LIMIT 1;${ORPHAN_ERROR}
        RETURN NULL;
      END $$`);
  }
}
