import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ACTION_KEYS, LEDGER_POSTING_KEYS } from './partitioning/key-tables.sql.js';
import {
  DROP_MONTH_PARTITION_FUNCTIONS,
  ENSURE_MONTH_PARTITION,
  ENSURE_MONTH_PARTITIONS,
} from './partitioning/month-partitions.sql.js';
import { rebuildTable, type PartitionedTable } from './partitioning/rebuild.js';
import { readForeignKeys, type ForeignKeyShape } from './partitioning/table-shape.js';

/**
 * Issue 14: `actions`, `ledger_postings` and `ledger_entries` partitioned by calendar month
 * (Asia/Shanghai) of the instant each row was written (`received_at`, `created_at`: set once, never
 * updated), so a month can be detached and archived and no index grows with all of history.
 *
 * The tables are rebuilt from what the catalog holds when this runs (indexes, checks, triggers,
 * generated columns, sequences, grants), since other migrations change their indexes. Each unique
 * rule that cannot be a unique index of a partitioned table (it lacks the month) is decided here:
 * - primary keys become (id, month key); the id stays unique across months through the key tables;
 * - (idempotency_scope, idempotency_key) of actions and idempotency_key of postings move to the key
 *   tables `action_keys` and `ledger_posting_keys` (see key-tables.sql.ts); the parents keep a plain
 *   index for the lookups by key;
 * - (account_id, account_version) of entries becomes a plain index: the writer assigns versions under
 *   the account's row lock, and reconciliation's `no-version-gaps` check finds any duplicate.
 * Foreign keys to actions or postings (superseded_by, posting_id of actions, entries, lots,
 * retirements, and any added later) now reference the key tables, which keep every id, archived
 * months' too.
 */
export class MonthlyPartitions1765330000000 implements MigrationInterface {
  name = 'MonthlyPartitions1765330000000';

  async up(q: QueryRunner): Promise<void> {
    const foreignKeys = await dropForeignKeys(
      q,
      TABLES.map((t) => t.table),
    );
    await q.query(ENSURE_MONTH_PARTITION);
    await q.query(ENSURE_MONTH_PARTITIONS);
    for (const keys of [LEDGER_POSTING_KEYS, ACTION_KEYS]) {
      await q.query(keys.create);
      await q.query(keys.fill);
      for (const fn of keys.functions) await q.query(fn);
    }
    for (const spec of TABLES) await rebuildTable(q, spec, 'partitioned');
    for (const keys of [LEDGER_POSTING_KEYS, ACTION_KEYS]) for (const t of keys.triggers) await q.query(t);
    for (const fk of foreignKeys) await addForeignKey(q, fk, toKeyTable);
  }

  async down(q: QueryRunner): Promise<void> {
    const foreignKeys = await dropForeignKeys(q, [
      ...TABLES.map((t) => t.table),
      ...Object.values(KEY_TABLES),
    ]);
    for (const keys of [ACTION_KEYS, LEDGER_POSTING_KEYS])
      for (const d of keys.dropTriggers) await q.query(d);
    for (const spec of TABLES) await rebuildTable(q, spec, 'plain');
    for (const keys of [ACTION_KEYS, LEDGER_POSTING_KEYS]) for (const d of keys.dropObjects) await q.query(d);
    await q.query(DROP_MONTH_PARTITION_FUNCTIONS);
    for (const fk of foreignKeys) await addForeignKey(q, fk, fromKeyTable);
  }
}

const TABLES: PartitionedTable[] = [
  {
    table: 'ledger_postings',
    key: 'created_at',
    movedUniques: [
      {
        columns: ['idempotency_key'],
        constraint: 'ledger_postings_idempotency_key_key',
        lookupIndex: 'ledger_postings_idempotency_lookup',
      },
    ],
    ownTriggers: ['ledger_postings_claim_key'],
  },
  {
    table: 'ledger_entries',
    key: 'created_at',
    movedUniques: [
      {
        columns: ['account_id', 'account_version'],
        constraint: 'ledger_entries_account_id_account_version_key',
        lookupIndex: 'ledger_entries_account_version',
      },
    ],
    ownTriggers: [],
  },
  {
    table: 'actions',
    key: 'received_at',
    movedUniques: [
      {
        columns: ['idempotency_scope', 'idempotency_key'],
        constraint: 'actions_idempotency_scope_idempotency_key_key',
        lookupIndex: 'actions_idempotency_lookup',
      },
    ],
    ownTriggers: ACTION_KEYS.triggerNames,
  },
];

/** The key table holding each partitioned table's ids. */
const KEY_TABLES: Record<string, string> = { actions: 'action_keys', ledger_postings: 'ledger_posting_keys' };

async function dropForeignKeys(q: QueryRunner, tables: string[]): Promise<ForeignKeyShape[]> {
  const foreignKeys = await readForeignKeys(q, tables);
  for (const fk of foreignKeys) await q.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name}"`);
  return foreignKeys;
}

function toKeyTable(referenced: string): string | undefined {
  if (referenced === 'ledger_entries')
    throw new Error('a foreign key references ledger_entries: decide how it survives partitioning');
  return KEY_TABLES[referenced];
}

function fromKeyTable(referenced: string): string | undefined {
  return Object.keys(KEY_TABLES).find((table) => KEY_TABLES[table] === referenced);
}

/** Adds the foreign key again, pointing at `retarget(referenced)` when that names another table. */
async function addForeignKey(
  q: QueryRunner,
  fk: ForeignKeyShape,
  retarget: (referenced: string) => string | undefined,
): Promise<void> {
  const target = retarget(fk.referenced);
  let def = fk.def;
  if (target) {
    if (!/REFERENCES \S+\(id\)/.test(def))
      throw new Error(
        `foreign key ${fk.name} on ${fk.table} references ${fk.referenced} by a column other than id`,
      );
    def = def.replace(/REFERENCES \S+\(id\)/, `REFERENCES ${target}(id)`);
  }
  await q.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${def}`);
}
