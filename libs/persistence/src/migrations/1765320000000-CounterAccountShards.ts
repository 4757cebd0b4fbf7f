import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: the program's points issuance and each region's reduction pool are touched by every
 * settlement batch, so every batch locked the same rows and any number of workers settled one batch at
 * a time. An account may now be kept in several rows (`shard`), each with its own balance, version and
 * entries: settlement lanes post to their own shard, so concurrent batches lock different rows. The
 * account's balance is the sum of its shards; every existing account is shard 0, so nothing moves.
 */
export class CounterAccountShards1765320000000 implements MigrationInterface {
  name = 'CounterAccountShards1765320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts ADD COLUMN shard smallint NOT NULL DEFAULT 0 CHECK (shard >= 0)`);
    await q.query(`ALTER TABLE accounts DROP CONSTRAINT accounts_kind_owner_key`);
    // Shards a `down` kept as `<owner>#<shard>` become shards of their account again. (The SQL avoids
    // the keyword form of substring: the build's import-path rewriting would take it for an import.)
    await q.query(
      `UPDATE accounts SET shard = substring(owner, '#([0-9]+)$')::smallint, owner = substring(owner, '^(.*)#[0-9]+$')
       WHERE kind IN ('points_issuance', 'reduction_pool') AND owner ~ '#[0-9]+$'`,
    );
    await q.query(
      `ALTER TABLE accounts ADD CONSTRAINT accounts_kind_owner_shard_key UNIQUE (kind, owner, shard)`,
    );
  }

  /**
   * Entries are append-only, so shards cannot be merged back into one row: a shard other than 0 keeps
   * its rows under the owner `<owner>#<shard>`, which the previous schema accepts as an account of its own.
   */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE accounts SET owner = owner || '#' || shard WHERE shard <> 0`);
    await q.query(`ALTER TABLE accounts DROP CONSTRAINT accounts_kind_owner_shard_key`);
    await q.query(`ALTER TABLE accounts ADD CONSTRAINT accounts_kind_owner_key UNIQUE (kind, owner)`);
    await q.query(`ALTER TABLE accounts DROP COLUMN shard`);
  }
}
