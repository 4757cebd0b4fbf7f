import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** A ledger entry on one of an owner's accounts, with the posting that wrote it. */
export interface OwnerLedgerEntry {
  id: string;
  accountKind: string;
  asset: string;
  amount: string;
  balanceAfter: string;
  createdAt: Date;
  reason: string;
  causeType: string;
  causeId: string;
  details: Record<string, unknown> | null;
}

interface EntryRow {
  id: string;
  kind: string;
  asset: string;
  amount: string;
  balance_after: string;
  created_at: Date;
  reason: string;
  cause_type: string;
  cause_id: string;
  details: Record<string, unknown> | null;
}

/** Ledger reads for one owner's statement. */
@Injectable()
export class CitizenLedgerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Entries of the owner's accounts of these kinds, newest first, below the entry id `before` if given. */
  async entries(
    owner: string,
    kinds: readonly string[],
    before: string | null,
    limit: number,
  ): Promise<OwnerLedgerEntry[]> {
    const rows = await this.dataSource.query<EntryRow[]>(
      `SELECT e.id, a.kind, e.asset, e.amount, e.balance_after, e.created_at,
              p.reason, p.cause_type, p.cause_id, p.details
       FROM accounts a
       JOIN ledger_entries e ON e.account_id = a.id
       JOIN ledger_postings p ON p.id = e.posting_id
       WHERE a.owner = $1 AND a.kind = ANY($2::text[]) AND ($3::bigint IS NULL OR e.id < $3::bigint)
       ORDER BY e.id DESC
       LIMIT $4`,
      [owner, kinds, before, limit],
    );
    return rows.map((row) => ({
      id: String(row.id),
      accountKind: row.kind,
      asset: row.asset,
      amount: String(row.amount),
      balanceAfter: String(row.balance_after),
      createdAt: row.created_at,
      reason: row.reason,
      causeType: row.cause_type,
      causeId: row.cause_id,
      details: row.details,
    }));
  }
}
