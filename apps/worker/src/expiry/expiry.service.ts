import { APP_CONFIG, type AppConfig } from '@app/config';
import { AccountKind, LedgerWriter, expiryPosting } from '@app/ledger';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PeriodicTask } from '../common/periodic-task.js';

const BATCH = 1_000;

interface DueLot {
  id: string;
  citizen_id: string;
  remaining: string;
  expires_at: Date;
}

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
      const candidates = await m.query<{ citizen_id: string }[]>(
        `SELECT DISTINCT citizen_id FROM (SELECT citizen_id FROM points_lots WHERE remaining > 0 AND expires_at <= $1 ORDER BY id LIMIT $2) d`,
        [now, BATCH],
      );
      if (!candidates.length) return 0;
      // Accounts before lots, as settlement does, so the two never wait on each other in a cycle.
      await m.query(
        `SELECT id FROM accounts WHERE kind = $1 AND owner = ANY($2::text[]) ORDER BY id FOR UPDATE`,
        [AccountKind.CitizenPoints, candidates.map((c) => c.citizen_id)],
      );
      const lots = await m.query<DueLot[]>(
        `SELECT id, citizen_id, remaining, expires_at FROM points_lots
         WHERE citizen_id = ANY($1::uuid[]) AND remaining > 0 AND expires_at <= $2 ORDER BY id LIMIT $3 FOR UPDATE`,
        [candidates.map((c) => c.citizen_id), now, BATCH],
      );
      if (!lots.length) return 0;
      await this.ledger.post(
        m,
        lots.map((lot) =>
          expiryPosting({
            lotId: String(lot.id),
            citizenId: lot.citizen_id,
            points: BigInt(lot.remaining),
            expiresAt: lot.expires_at,
          }),
        ),
      );
      await m.query(`UPDATE points_lots SET remaining = 0 WHERE id = ANY($1::bigint[])`, [
        lots.map((l) => l.id),
      ]);
      return lots.length;
    });
  }
}
