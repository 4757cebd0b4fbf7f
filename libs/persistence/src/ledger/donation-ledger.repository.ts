import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** Ledger reads for donations: when a posting was made, and the balances of the donation accounts. */
@Injectable()
export class DonationLedgerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async postingCreatedAt(manager: EntityManager, idempotencyKey: string): Promise<Date> {
    const [row] = await manager.query<{ created_at: Date }[]>(
      `SELECT created_at FROM ledger_posting_keys WHERE idempotency_key = $1`,
      [idempotencyKey],
    );
    return row.created_at;
  }

  /** Each account of this kind, by owner, with its balance as a decimal string. */
  async balancesOfKind(kind: string): Promise<{ owner: string; balance: string }[]> {
    const rows = await this.dataSource.query<{ owner: string; balance: string }[]>(
      `SELECT owner, balance FROM accounts WHERE kind = $1 ORDER BY owner`,
      [kind],
    );
    return rows.map((r) => ({ owner: r.owner, balance: String(r.balance) }));
  }
}
