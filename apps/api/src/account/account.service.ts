import { AccountKind } from '@app/ledger';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import type { AccountDto, LedgerPageDto } from './dto/account.dto.js';
import { describeReason } from './ledger-reason.js';

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

@Injectable()
export class AccountService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async balances(citizen: CitizenPrincipal): Promise<AccountDto> {
    const rows = await this.dataSource.query<{ kind: string; balance: string }[]>(
      `SELECT kind, balance FROM accounts WHERE owner = $1 AND kind IN ($2, $3, $4)`,
      [citizen.citizenId, AccountKind.CitizenCarbon, AccountKind.CitizenPoints, AccountKind.PointsHeld],
    );
    const balance = (kind: string) => rows.find((r) => r.kind === kind)?.balance ?? '0';
    return {
      citizenId: citizen.citizenId,
      districtCode: citizen.districtCode,
      grams: balance(AccountKind.CitizenCarbon),
      points: balance(AccountKind.CitizenPoints),
      heldPoints: balance(AccountKind.PointsHeld),
    };
  }

  /** Newest first, keyset-paginated by entry id. */
  async ledger(citizen: CitizenPrincipal, limit = 20, cursor?: string): Promise<LedgerPageDto> {
    const rows = await this.dataSource.query<EntryRow[]>(
      `SELECT e.id, a.kind, e.asset, e.amount, e.balance_after, e.created_at,
              p.reason, p.cause_type, p.cause_id, p.details
       FROM accounts a
       JOIN ledger_entries e ON e.account_id = a.id
       JOIN ledger_postings p ON p.id = e.posting_id
       WHERE a.owner = $1 AND a.kind IN ($2, $3) AND ($4::bigint IS NULL OR e.id < $4::bigint)
       ORDER BY e.id DESC
       LIMIT $5`,
      [citizen.citizenId, AccountKind.CitizenCarbon, AccountKind.CitizenPoints, cursor ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => ({
        id: String(row.id),
        account: row.kind === AccountKind.CitizenCarbon ? 'carbon' : 'points',
        asset: row.asset,
        amount: String(row.amount),
        balanceAfter: String(row.balance_after),
        createdAt: row.created_at.toISOString(),
        reason: {
          code: row.reason,
          causeType: row.cause_type,
          causeId: row.cause_id,
          description: describeReason(row.reason, row.details),
          details: row.details ?? undefined,
        },
      })),
      nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
    };
  }
}
