import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: every settlement batch rewrites the balance and version of each account it touches (two
 * per citizen, plus the lane's counter shards). Neither column is indexed, so the update could be HOT
 * (no new entry in the three indexes of `accounts`), but a full page leaves no room for the new row
 * version: the bench measured 10 HOT updates of 10,030. Half of each page is kept free for them.
 * Existing pages are not rewritten (that needs VACUUM FULL, outside a transaction): a row on a full
 * page moves once, to a page with room, and is updated in place from then on.
 */
export class HotAccountBalances1765350000000 implements MigrationInterface {
  name = 'HotAccountBalances1765350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts SET (fillfactor = 50)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts RESET (fillfactor)`);
  }
}
