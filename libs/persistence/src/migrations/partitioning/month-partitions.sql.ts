/**
 * SQL of the monthly partitions, frozen as of migration 1765330000000 (a later change is a new
 * migration). Months are calendar months in Asia/Shanghai, the zone every report and closed month
 * uses, so a month's partition is exactly what a month's archive holds.
 */

/**
 * `ensure_month_partition(parent, month)` creates `<parent>_pYYYY_MM` unless it exists. It answers
 * 'created', 'exists' or 'blocked': blocked when the DEFAULT partition already holds rows of that
 * month (creating the partition would then fail; an operator moves those rows first, see
 * docs/design.md). A new partition takes the storage options (fillfactor…) of the DEFAULT partition,
 * since a partitioned parent cannot hold any.
 */
export const ENSURE_MONTH_PARTITION = `
  CREATE FUNCTION ensure_month_partition(parent regclass, month date) RETURNS text LANGUAGE plpgsql AS $$
  DECLARE
    first date := date_trunc('month', month)::date;
    lo timestamptz := first::timestamp AT TIME ZONE 'Asia/Shanghai';
    hi timestamptz := (first + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai';
    partition_name text := (SELECT relname FROM pg_class WHERE oid = parent) || '_p' || to_char(first, 'YYYY_MM');
    key_column text;
    fallback regclass;
    options text[];
    blocked boolean := false;
  BEGIN
    IF to_regclass(quote_ident(partition_name)) IS NOT NULL THEN RETURN 'exists'; END IF;
    SELECT a.attname INTO key_column
      FROM pg_partitioned_table p JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
     WHERE p.partrelid = parent;
    IF key_column IS NULL THEN RAISE EXCEPTION '% is not partitioned', parent; END IF;
    SELECT c.oid::regclass, c.reloptions INTO fallback, options
      FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partdefid WHERE p.partrelid = parent;
    IF fallback IS NOT NULL THEN
      EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE %I >= $1 AND %I < $2)', fallback, key_column, key_column)
        INTO blocked USING lo, hi;
      IF blocked THEN RETURN 'blocked'; END IF;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)', partition_name, parent, lo, hi);
    IF options IS NOT NULL THEN
      EXECUTE format('ALTER TABLE %I SET (%s)', partition_name, array_to_string(options, ', '));
    END IF;
    RETURN 'created';
  END $$`;

/** `ensure_month_partitions(parent, months_ahead)`: this month and the next `months_ahead` ones. */
export const ENSURE_MONTH_PARTITIONS = `
  CREATE FUNCTION ensure_month_partitions(parent regclass, months_ahead int)
  RETURNS TABLE (partition_name text, status text) LANGUAGE plpgsql AS $$
  DECLARE
    this_month date := date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date;
    month date;
  BEGIN
    FOR i IN 0..months_ahead LOOP
      month := (this_month + make_interval(months => i))::date;
      partition_name := (SELECT relname FROM pg_class WHERE oid = parent) || '_p' || to_char(month, 'YYYY_MM');
      status := ensure_month_partition(parent, month);
      RETURN NEXT;
    END LOOP;
  END $$`;

export const DROP_MONTH_PARTITION_FUNCTIONS = `DROP FUNCTION ensure_month_partitions(regclass, int), ensure_month_partition(regclass, date)`;
