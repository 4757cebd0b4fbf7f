import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: ledger months can be archived. Before a month's partitions of `ledger_postings` and
 * `ledger_entries` are detached, each account that had entries up to the end of that month gets a
 * checkpoint: its balance and version at the month's end (cumulative over every archived month).
 * Reconciliation then checks `checkpoint + entries after it = account`, and the running
 * `balance_after` / `account_version` chain of the live entries continues from the checkpoint.
 *
 * `ledger_archived_months` says which months are out of the database and how far: `detached` (the
 * checkpoint is written and the partitions are out of the ledger, the dump not yet confirmed) or
 * `archived` (dumped, checksummed and dropped). Restoring the newest archived month deletes its row
 * and its checkpoints (the previous checkpoints apply again). Checkpoints are never updated.
 */
export class LedgerCheckpoints1765360000040 implements MigrationInterface {
  name = 'LedgerCheckpoints1765360000040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_archived_months (
        month date PRIMARY KEY CHECK (extract(day FROM month) = 1),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        postings bigint NOT NULL CHECK (postings >= 0),
        entries bigint NOT NULL CHECK (entries >= 0),
        status text NOT NULL CHECK (status IN ('detached', 'archived')),
        dump_file text,
        dump_sha256 text,
        detached_at timestamptz NOT NULL DEFAULT now(),
        archived_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE ledger_checkpoints (
        account_id bigint NOT NULL REFERENCES accounts (id),
        month date NOT NULL REFERENCES ledger_archived_months (month),
        balance bigint NOT NULL,
        account_version bigint NOT NULL CHECK (account_version > 0),
        entries bigint NOT NULL CHECK (entries > 0),
        PRIMARY KEY (account_id, month)
      )`);
    await q.query(`CREATE INDEX ledger_checkpoints_month ON ledger_checkpoints (month)`);
    await q.query(`
      CREATE FUNCTION forbid_checkpoint_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger checkpoints are never rewritten' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER ledger_checkpoints_kept BEFORE UPDATE ON ledger_checkpoints
                   FOR EACH ROW EXECUTE FUNCTION forbid_checkpoint_rewrite()`);
    await q.query(`CREATE TRIGGER ledger_checkpoints_no_truncate BEFORE TRUNCATE ON ledger_checkpoints
                   FOR EACH STATEMENT EXECUTE FUNCTION forbid_checkpoint_rewrite()`);
  }

  async down(q: QueryRunner): Promise<void> {
    const [{ n }] = (await q.query(`SELECT count(*)::int AS n FROM ledger_archived_months`)) as {
      n: number;
    }[];
    if (n > 0)
      throw new Error(
        `cannot revert LedgerCheckpoints: ${n} ledger month(s) are archived; restore them first (docs/design.md)`,
      );
    await q.query(`DROP TABLE ledger_checkpoints`);
    await q.query(`DROP TABLE ledger_archived_months`);
    await q.query(`DROP FUNCTION forbid_checkpoint_rewrite()`);
  }
}
