import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What the maintenance run did to one month of one partitioned table. */
export interface MonthPartitionStatus {
  table: string;
  partition: string;
  /** created; exists; blocked (the DEFAULT partition holds rows of that month: an operator moves them). */
  status: 'created' | 'exists' | 'blocked';
}

/**
 * The monthly partitions of `actions`, `ledger_postings` and `ledger_entries` (migration
 * 1765330000000), through the `ensure_month_partitions` function the migration installed.
 */
@Injectable()
export class MonthPartitionsRepository {
  /** Every partitioned table the catalog lists. */
  async partitionedTables(manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ table: string }[]>(
      `SELECT partrelid::regclass::text AS table FROM pg_partitioned_table ORDER BY 1`,
    );
    return rows.map((r) => r.table);
  }

  /** This month's partition of `table` and the next `monthsAhead` ones, created where missing. */
  async ensureAhead(
    manager: EntityManager,
    table: string,
    monthsAhead: number,
  ): Promise<MonthPartitionStatus[]> {
    // Creating a partition locks its parent briefly; a long transaction holding the parent makes this
    // run give up (and the next one try again) rather than queue every writer behind it.
    await manager.query(`SET LOCAL lock_timeout = '5s'`);
    const rows = await manager.query<{ partition: string; status: MonthPartitionStatus['status'] }[]>(
      `SELECT partition_name AS partition, status FROM ensure_month_partitions($1::regclass, $2)`,
      [table, monthsAhead],
    );
    return rows.map((row) => ({ table, ...row }));
  }
}
