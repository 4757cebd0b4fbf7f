import { AccountKind } from '@app/ledger';
import { CitizenBalancesRepository, CitizenLedgerRepository } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import type { AccountDto, LedgerPageDto } from './dto/account.dto.js';
import { describeReason } from './ledger-reason.js';

const BALANCE_KINDS = [AccountKind.CitizenCarbon, AccountKind.CitizenPoints, AccountKind.PointsHeld];
/** The statement lists the carbon and points accounts' entries (not the held points'). */
const STATEMENT_KINDS = [AccountKind.CitizenCarbon, AccountKind.CitizenPoints];

@Injectable()
export class AccountService {
  constructor(
    private readonly balancesRepository: CitizenBalancesRepository,
    private readonly ledgerRepository: CitizenLedgerRepository,
  ) {}

  async balances(citizen: CitizenPrincipal): Promise<AccountDto> {
    const rows = await this.balancesRepository.balances(citizen.citizenId, BALANCE_KINDS);
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
    const rows = await this.ledgerRepository.entries(
      citizen.citizenId,
      STATEMENT_KINDS,
      cursor ?? null,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => ({
        id: row.id,
        account: row.accountKind === AccountKind.CitizenCarbon ? 'carbon' : 'points',
        asset: row.asset,
        amount: row.amount,
        balanceAfter: row.balanceAfter,
        createdAt: row.createdAt.toISOString(),
        reason: {
          code: row.reason,
          causeType: row.causeType,
          causeId: row.causeId,
          description: describeReason(row.reason, row.details),
          details: row.details ?? undefined,
        },
      })),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }
}
