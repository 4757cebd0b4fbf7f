import { DomainError, ErrorCode } from '@app/domain';
import { AccountKind, LedgerWriter, accountKey, accountOf, consumeLots, donationPosting } from '@app/ledger';
import { DonationLedgerRepository, IdempotencyStore, type IdempotentResult } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { canonicalJson, sha256Hex } from '../common/canonical-hash.js';

export const DONATION_TARGETS = ['tree-planting', 'charity'] as const;
export type DonationTarget = (typeof DONATION_TARGETS)[number];

export interface DonationView {
  donationId: string;
  target: string;
  points: string;
  createdAt: string;
}

/** Points given to a tree-planting or charity account, once per Idempotency-Key. */
@Injectable()
export class DonationsService {
  constructor(
    private readonly ledger: LedgerWriter,
    private readonly idempotency: IdempotencyStore,
    private readonly ledgerReads: DonationLedgerRepository,
  ) {}

  /**
   * Posts the donation in the idempotency store's transaction. The posting's own unique key
   * (`donation/<citizen>:<key>`) stays the last line of defence against a second donation.
   */
  donate(
    citizen: CitizenPrincipal,
    key: string,
    target: DonationTarget,
    points: bigint,
  ): Promise<IdempotentResult<DonationView>> {
    const donationId = `${citizen.citizenId}:${key}`;
    const requestHash = sha256Hex(canonicalJson({ target, points: points.toString() }));
    return this.idempotency.run(
      `citizen:${citizen.citizenId}:donations`,
      key,
      requestHash,
      async (m) => {
        const spending = accountOf.citizenPoints(citizen.citizenId);
        const balances = await this.ledger.lockForSpending(m, [spending, accountOf.donations(target)]);
        const available = balances.get(accountKey(spending)) ?? 0n;
        if (available < points) {
          throw new DomainError(
            ErrorCode.InsufficientPoints,
            `${available} points available, ${points} asked`,
            { available: available.toString() },
          );
        }
        await this.ledger.post(m, [
          donationPosting({ donationId, citizenId: citizen.citizenId, target, points, requestHash }),
        ]);
        await consumeLots(m, citizen.citizenId, points);
        const createdAt = await this.ledgerReads.postingCreatedAt(m, `donation/${donationId}`);
        return {
          statusCode: 201,
          body: { donationId, target, points: points.toString(), createdAt: createdAt.toISOString() },
        };
      },
      {
        reused: () =>
          new DomainError(
            ErrorCode.IdempotencyKeyReused,
            'this Idempotency-Key was used for a different donation',
          ),
      },
    );
  }

  async totals(): Promise<{ target: string; points: string }[]> {
    const rows = await this.ledgerReads.balancesOfKind(AccountKind.Donations);
    return rows.map((r) => ({ target: r.owner, points: r.balance }));
  }
}
