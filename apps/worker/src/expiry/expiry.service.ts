import { APP_CONFIG, type AppConfig } from '@app/config';
import { AccountKind, LedgerWriter, expiryPosting } from '@app/ledger';
import { AccountBalancesRepository, PointsLotExpiryRepository } from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PeriodicTask } from '../common/periodic-task.js';

const BATCH = 1_000;

/**
 * Posts the expiry of every lot past its date, a batch per transaction. Safe to run again at any
 * time: an expired lot has nothing left, and each lot's expiry posting has its own idempotency key.
 */
@Injectable()
export class ExpiryService extends PeriodicTask {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerWriter,
    private readonly lots: PointsLotExpiryRepository,
    private readonly accounts: AccountBalancesRepository,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.worker.expiryIntervalMs;
  }

  protected runScheduled(): Promise<unknown> {
    return this.expireDue();
  }

  /** Expires every lot due at `now`; returns how many lots it expired. */
  async expireDue(now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.expireBatch(now);
      total += expired;
      if (expired < BATCH) break;
    }
    if (total) this.logger.log(`expired ${total} points lot(s)`);
    return total;
  }

  private expireBatch(now: Date): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const citizens = await this.lots.citizensWithDueLots(m, now, BATCH);
      if (!citizens.length) return 0;
      // Accounts before lots, as settlement does, so the two never wait on each other in a cycle.
      await this.accounts.lock(m, AccountKind.CitizenPoints, citizens);
      const lots = await this.lots.lockDueLots(m, citizens, now, BATCH);
      if (!lots.length) return 0;
      await this.ledger.post(
        m,
        lots.map((lot) =>
          expiryPosting({
            lotId: lot.id,
            citizenId: lot.citizenId,
            points: lot.remaining,
            expiresAt: lot.expiresAt,
          }),
        ),
      );
      await this.lots.empty(
        m,
        lots.map((l) => l.id),
      );
      return lots.length;
    });
  }
}
