import type { MigrationInterface, QueryRunner } from 'typeorm';

// Frozen copies as of this migration (a later change is a new migration).
const BALANCE_CHECK = `
        SELECT posting_id, asset, sum(amount) AS total INTO unbalanced
          FROM new_entries GROUP BY posting_id, asset HAVING sum(amount) <> 0 LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'posting % does not balance in %: off by %', unbalanced.posting_id, unbalanced.asset, unbalanced.total
            USING ERRCODE = 'check_violation';
        END IF;`;

const checkEntries = (postings: string) => `
      CREATE OR REPLACE FUNCTION check_entries_balance() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE unbalanced record; orphan record;
      BEGIN${BALANCE_CHECK}
        SELECT e.posting_id, e.account_id INTO orphan FROM new_entries e
         WHERE NOT EXISTS (SELECT 1 FROM ${postings} p WHERE p.id = e.posting_id)
            OR NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = e.account_id)
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'ledger entry of posting % and account % refers to a row that does not exist', orphan.posting_id, orphan.account_id
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$`;

/**
 * Issue 14: the per-statement check that each new ledger entry names an existing posting looked the
 * posting up in `ledger_postings`, which is partitioned by month on `created_at`: a lookup by id alone
 * cannot be pruned, so it probes every month's partition (or, as the bench's plans show, hashes every
 * posting ever written, once per batch). `ledger_posting_keys` holds exactly the ids of all postings
 * (claimed by the insert trigger, append-only, kept when a month is archived) under one primary key:
 * the same guarantee, one index probe per entry.
 */
export class EntryPostingsByKeyTable1765350000001 implements MigrationInterface {
  name = 'EntryPostingsByKeyTable1765350000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(checkEntries('ledger_posting_keys'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(checkEntries('ledger_postings'));
  }
}
