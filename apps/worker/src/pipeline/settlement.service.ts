import { APP_CONFIG, type AppConfig } from '@app/config';
import { LedgerWriter, actionSettlementPosting } from '@app/ledger';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

interface QuantifiedRow {
  id: string;
  citizen_id: string;
  district_code: string;
  methodology_id: string;
  version: number;
  grams: string;
  points: string;
}

/**
 * quantified → settled: one transaction per batch writes every posting, the aggregated balance
 * updates and the status changes, so a batch is all-or-nothing whatever kills the worker.
 */
@Injectable()
export class SettlementService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerWriter,
  ) {}

  /** Returns how many actions it settled. */
  async settleBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<QuantifiedRow[]>(
        `SELECT a.id, a.citizen_id, a.district_code, a.methodology_id, v.version, a.grams, a.points
         FROM actions a JOIN methodology_versions v ON v.id = a.methodology_version_id
         WHERE a.status = 'quantified' ORDER BY a.quantified_at, a.id LIMIT $1
         FOR UPDATE OF a SKIP LOCKED`,
        [this.config.worker.batchSize],
      );
      if (!rows.length) return 0;
      const postings = rows.map((row) =>
        actionSettlementPosting({
          actionId: row.id,
          citizenId: row.citizen_id,
          region: row.district_code,
          grams: BigInt(row.grams),
          points: BigInt(row.points),
          methodologyId: row.methodology_id,
          methodologyVersion: row.version,
        }),
      );
      const { postingIds } = await this.ledger.post(manager, postings);
      await manager.query(
        `UPDATE actions a SET status = 'settled', posting_id = v.posting_id, settled_at = now(), updated_at = now()
         FROM unnest($1::uuid[], $2::bigint[]) AS v(id, posting_id) WHERE a.id = v.id`,
        [rows.map((r) => r.id), postings.map((p) => postingIds.get(p.idempotencyKey))],
      );
      return rows.length;
    });
  }
}
