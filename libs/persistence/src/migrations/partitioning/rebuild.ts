import type { QueryRunner } from 'typeorm';
import { readTableShape, type IndexShape, type TableShape } from './table-shape.js';

/**
 * A unique rule that cannot stay a unique index once the table is partitioned (it lacks the month):
 * the uniqueness moves elsewhere (a key table, or a writer's invariant the reconciliation checks) and
 * the parent keeps a plain index of the same columns for the lookups that used it.
 */
export interface MovedUnique {
  columns: string[];
  /** The unique constraint's name on the unpartitioned table (restored on the way down). */
  constraint: string;
  /** The plain index the partitioned table has instead. */
  lookupIndex: string;
}

export interface PartitionedTable {
  table: string;
  /** The partition key: a timestamptz written once, when the row is inserted. */
  key: string;
  movedUniques: MovedUnique[];
  /** Triggers the migration adds itself, left out when reading the partitioned table's shape. */
  ownTriggers: string[];
}

const LIKE = `INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING IDENTITY INCLUDING STORAGE
              INCLUDING COMPRESSION INCLUDING COMMENTS INCLUDING STATISTICS`;
const same = (a: string[], b: string[]) => a.length === b.length && a.every((c, i) => c === b[i]);
const list = (columns: string[]) => columns.map((c) => `"${c}"`).join(', ');

/**
 * Rebuilds `spec.table` partitioned by month (`to: 'partitioned'`) or back as one table
 * (`to: 'plain'`), with its rows, indexes, checks, triggers, sequences, owner and grants as the catalog
 * has them now. Foreign keys from and to the table must have been dropped by the caller (they are
 * retargeted across the key tables). Months from the oldest row's to `monthsAhead` after this one get
 * a partition; anything else lands in the DEFAULT partition.
 */
export async function rebuildTable(
  q: QueryRunner,
  spec: PartitionedTable,
  to: 'partitioned' | 'plain',
  monthsAhead = 3,
): Promise<void> {
  const { table, key } = spec;
  const shape = await readTableShape(q, table);
  shape.triggers = shape.triggers.filter((t) => !spec.ownTriggers.includes(t.name));
  const old = `${table}_before_rebuild`;
  await q.query(`ALTER TABLE "${table}" RENAME TO "${old}"`);
  for (const { sequence } of shape.ownedSequences) await q.query(`ALTER SEQUENCE ${sequence} OWNED BY NONE`);

  if (to === 'partitioned') {
    await q.query(`CREATE TABLE "${table}" (LIKE "${old}" ${LIKE}) PARTITION BY RANGE ("${key}")`);
    await q.query(`CREATE TABLE "${table}_default" PARTITION OF "${table}" DEFAULT`);
    if (shape.reloptions)
      await q.query(`ALTER TABLE "${table}_default" SET (${shape.reloptions.join(', ')})`);
    await q.query(
      `SELECT ensure_month_partition($1::regclass, m::date)
         FROM generate_series(
                coalesce((SELECT date_trunc('month', min("${key}") AT TIME ZONE 'Asia/Shanghai') FROM "${old}"),
                         date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')),
                date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') + make_interval(months => $2),
                interval '1 month') m`,
      [table, monthsAhead],
    );
  } else {
    await q.query(`CREATE TABLE "${table}" (LIKE "${old}" ${LIKE})`);
    if (shape.reloptions) await q.query(`ALTER TABLE "${table}" SET (${shape.reloptions.join(', ')})`);
  }

  // No trigger exists on the new table yet: the copy fires no report, balance or key trigger.
  await q.query(
    `INSERT INTO "${table}" (${list(shape.columns)}) ${shape.identityColumns.length ? 'OVERRIDING SYSTEM VALUE' : ''}
     SELECT ${list(shape.columns)} FROM "${old}"`,
  );
  await q.query(`DROP TABLE "${old}"`);
  for (const { column, sequence } of shape.ownedSequences)
    await q.query(`ALTER SEQUENCE ${sequence} OWNED BY "${table}"."${column}"`);
  for (const column of shape.identityColumns)
    await q.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max("${column}") FROM "${table}"), 1))`,
      [table, column],
    );

  for (const check of shape.checks)
    await q.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${check.name}" ${check.def}`);
  for (const statement of indexStatements(spec, shape, to)) await q.query(statement);
  for (const trigger of shape.triggers) await q.query(trigger.def);
  if (shape.owner !== (await currentUser(q)))
    await q.query(`ALTER TABLE "${table}" OWNER TO "${shape.owner}"`);
  for (const grant of shape.grants) await q.query(grant);
  await q.query(`ANALYZE "${table}"`);
}

async function currentUser(q: QueryRunner): Promise<string> {
  const [{ user }] = await q.query(`SELECT current_user AS user`);
  return user;
}

/** The statements that give the rebuilt table the indexes and keys the old one had. */
function indexStatements(spec: PartitionedTable, shape: TableShape, to: 'partitioned' | 'plain'): string[] {
  const { table, key } = spec;
  return shape.indexes.map((index: IndexShape) => {
    const columns = index.columns.filter((c): c is string => c !== null);
    const plainColumns = index.columns.every((c) => c !== null);
    if (to === 'partitioned') {
      if (index.primary)
        return `ALTER TABLE "${table}" ADD CONSTRAINT "${index.constraint}" PRIMARY KEY (${list(
          columns.includes(key) ? columns : [...columns, key],
        )})`;
      if (index.unique && !(plainColumns && columns.includes(key))) {
        const moved = spec.movedUniques.find((m) => same(m.columns, columns));
        if (!moved)
          throw new Error(
            `unique index ${index.name} on ${table} (${columns.join(', ')}) lacks the partition key ${key}: ` +
              `decide where its uniqueness lives (libs/persistence/src/migrations/1765330000000-MonthlyPartitions.ts)`,
          );
        return `CREATE INDEX "${moved.lookupIndex}" ON "${table}" (${list(columns)})`;
      }
      if (index.constraint)
        return `ALTER TABLE "${table}" ADD CONSTRAINT "${index.constraint}" UNIQUE (${list(columns)})`;
      return index.def;
    }
    if (index.primary)
      return `ALTER TABLE "${table}" ADD CONSTRAINT "${index.constraint}" PRIMARY KEY (${list(
        columns.filter((c) => c !== key),
      )})`;
    const moved = spec.movedUniques.find((m) => m.lookupIndex === index.name);
    if (moved)
      return `ALTER TABLE "${table}" ADD CONSTRAINT "${moved.constraint}" UNIQUE (${list(moved.columns)})`;
    if (index.constraint)
      return `ALTER TABLE "${table}" ADD CONSTRAINT "${index.constraint}" UNIQUE (${list(columns)})`;
    return index.def.replace(' ON ONLY ', ' ON ');
  });
}
