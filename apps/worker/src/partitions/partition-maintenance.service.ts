import { MonthPartitionsRepository, type MonthPartitionStatus } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PeriodicTask } from '../common/periodic-task.js';

/** Months of partitions kept ready ahead of this one: a quarter survives a long outage of the job. */
export const PARTITION_MONTHS_AHEAD = 3;
/** Hourly: a missed run costs nothing while three months are ready. */
const INTERVAL_MS = 3_600_000;

/**
 * Keeps the monthly partitions of actions and the ledger ahead of time, so rows never fall into the
 * DEFAULT partition (which would block creating their month's partition), and says what it did.
 */
@Injectable()
export class PartitionMaintenanceService extends PeriodicTask {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly partitions: MonthPartitionsRepository,
  ) {
    super();
  }

  protected intervalMs(): number {
    return INTERVAL_MS;
  }

  protected runScheduled(): Promise<unknown> {
    return this.run();
  }

  async run(monthsAhead = PARTITION_MONTHS_AHEAD): Promise<MonthPartitionStatus[]> {
    const statuses: MonthPartitionStatus[] = [];
    // One transaction per table: a lock not granted in time fails this run (the next one retries)
    // without undoing the tables already done.
    for (const table of await this.partitions.partitionedTables(this.dataSource.manager))
      statuses.push(
        ...(await this.dataSource.transaction((m) => this.partitions.ensureAhead(m, table, monthsAhead))),
      );
    const created = statuses.filter((s) => s.status === 'created').map((s) => s.partition);
    const blocked = statuses.filter((s) => s.status === 'blocked').map((s) => s.partition);
    if (created.length) this.logger.log(`partitions created ahead: ${created.join(', ')}`);
    if (blocked.length)
      this.logger.error(
        `partitions blocked by rows in a DEFAULT partition (move them, see docs/design.md): ${blocked.join(', ')}`,
      );
    return statuses;
  }
}
