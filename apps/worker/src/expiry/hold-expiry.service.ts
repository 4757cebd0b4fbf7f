import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/domain';
import { LedgerWriter, resolve } from '@app/ledger';
import { HoldExpiryRepository } from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PeriodicTask } from '../common/periodic-task.js';

/** Gives back the points of holds nobody confirmed or cancelled in time, each exactly once. */
@Injectable()
export class HoldExpiryService extends PeriodicTask {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerWriter,
    private readonly holds: HoldExpiryRepository,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.worker.sweepIntervalMs;
  }

  protected runScheduled(): Promise<unknown> {
    return this.releaseExpired();
  }

  /** Returns how many holds it expired. */
  async releaseExpired(): Promise<number> {
    const due = await this.holds.dueIds(1000);
    let released = 0;
    for (const id of due) {
      try {
        await this.dataSource.transaction((m) => resolve(m, this.ledger, id, { kind: 'expire' }));
        released += 1;
      } catch (error) {
        // Resolved by the partner a moment before: nothing to give back.
        if (!(error instanceof DomainError && error.code === ErrorCode.HoldResolved)) throw error;
      }
    }
    if (released) this.logger.log(`released ${released} expired hold(s)`);
    return released;
  }
}
