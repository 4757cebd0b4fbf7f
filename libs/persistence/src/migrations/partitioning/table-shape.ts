import type { QueryRunner } from 'typeorm';

/** An index as the catalog has it when the migration runs (other migrations add and drop them). */
export interface IndexShape {
  name: string;
  def: string;
  primary: boolean;
  unique: boolean;
  /** The constraint the index backs (PRIMARY KEY, UNIQUE), if any. */
  constraint: string | null;
  /** Key columns in order; null for an expression. */
  columns: (string | null)[];
}

export interface ForeignKeyShape {
  table: string;
  name: string;
  def: string;
  referenced: string;
}

/** Everything a table carries that `CREATE TABLE … (LIKE …)` does not copy. */
export interface TableShape {
  table: string;
  owner: string;
  /** Stored columns in order (generated columns are computed again, not copied). */
  columns: string[];
  identityColumns: string[];
  /** Columns whose default draws on a sequence the table owns (bigserial). */
  ownedSequences: { column: string; sequence: string }[];
  /** Storage options of the table, or of its DEFAULT partition when it is partitioned. */
  reloptions: string[] | null;
  indexes: IndexShape[];
  checks: { name: string; def: string }[];
  triggers: { name: string; def: string }[];
  grants: string[];
}

export async function readTableShape(q: QueryRunner, table: string): Promise<TableShape> {
  const [meta] = await q.query(
    `SELECT pg_get_userbyid(c.relowner) AS owner,
            coalesce(d.reloptions, c.reloptions) AS reloptions,
            EXISTS (SELECT 1 FROM pg_policy WHERE polrelid = c.oid) AS has_policies,
            EXISTS (SELECT 1 FROM pg_rewrite r JOIN pg_depend dep ON dep.objid = r.oid
                     WHERE dep.refobjid = c.oid AND r.ev_class <> c.oid) AS has_views
       FROM pg_class c
       LEFT JOIN pg_partitioned_table p ON p.partrelid = c.oid
       LEFT JOIN pg_class d ON d.oid = p.partdefid
      WHERE c.oid = $1::regclass`,
    [table],
  );
  // Neither exists today; a view or policy added later needs its own step here, not a silent loss.
  if (meta.has_policies || meta.has_views)
    throw new Error(`${table} has row-level policies or dependent views: extend the partitioning migration`);
  const columns = await q.query(
    `SELECT attname, attidentity <> '' AS identity, pg_get_serial_sequence($1, attname) AS sequence
       FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
      ORDER BY attnum`,
    [table],
  );
  const indexes: IndexShape[] = await q.query(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def, i.indisprimary AS primary,
            i.indisunique AS unique, con.conname AS constraint,
            ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, n)
                  LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                  WHERE k.n <= i.indnkeyatts ORDER BY k.n) AS columns
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
      WHERE i.indrelid = $1::regclass
      ORDER BY c.relname`,
    [table],
  );
  const constraints: { name: string; type: string; def: string }[] = await q.query(
    `SELECT conname AS name, contype AS type, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('c', 'x') AND conparentid = 0
      ORDER BY conname`,
    [table],
  );
  if (constraints.some((c) => c.type === 'x'))
    throw new Error(`${table} has an exclusion constraint: decide how it partitions before migrating`);
  const triggers: { name: string; def: string }[] = await q.query(
    `SELECT tgname AS name, pg_get_triggerdef(oid) AS def
       FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal AND tgparentid = 0
      ORDER BY tgname`,
    [table],
  );
  const grants: { grant: string }[] = await q.query(
    `SELECT format('GRANT %s ON %I TO %s', a.privilege_type, c.relname,
                   CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END)
            || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END AS grant
       FROM pg_class c, aclexplode(c.relacl) a
      WHERE c.oid = $1::regclass AND a.grantee <> c.relowner`,
    [table],
  );
  type Column = { attname: string; identity: boolean; sequence: string | null };
  return {
    table,
    owner: meta.owner,
    reloptions: meta.reloptions,
    columns: columns.map((c: Column) => c.attname),
    identityColumns: columns.filter((c: Column) => c.identity).map((c: Column) => c.attname),
    ownedSequences: columns
      .filter((c: Column) => c.sequence && !c.identity)
      .map((c: Column) => ({ column: c.attname, sequence: c.sequence! })),
    indexes,
    checks: constraints.map(({ name, def }) => ({ name, def })),
    triggers,
    grants: grants.map((g) => g.grant),
  };
}

/** Foreign keys from or to any of `tables`, each once (a partition's clones are left out). */
export async function readForeignKeys(q: QueryRunner, tables: string[]): Promise<ForeignKeyShape[]> {
  return q.query(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def,
            confrelid::regclass::text AS referenced
       FROM pg_constraint
      WHERE contype = 'f' AND conparentid = 0
        AND (conrelid = ANY($1::regclass[]) OR confrelid = ANY($1::regclass[]))
      ORDER BY conrelid::regclass::text, conname`,
    [tables],
  );
}
