import { DomainError, ErrorCode } from '@app/domain';
import { AccountKind, LedgerWriter, accountKey, accountOf, consumeLots, donationPosting } from '@app/ledger';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerWriter,
  ) {}

  async donate(
    citizen: CitizenPrincipal,
    key: string,
    target: DonationTarget,
    points: bigint,
  ): Promise<{ donation: DonationView; replayed: boolean }> {
    const donationId = `${citizen.citizenId}:${key}`;
    const requestHash = sha256Hex(canonicalJson({ target, points: points.toString() }));
    const previous = await this.find(donationId);
    if (previous) return this.replay(previous, requestHash);
    try {
      return await this.dataSource.transaction(async (m) => {
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
        const [row] = await m.query<{ created_at: Date }[]>(
          `SELECT created_at FROM ledger_postings WHERE idempotency_key = $1`,
          [`donation/${donationId}`],
        );
        return {
          donation: {
            donationId,
            target,
            points: points.toString(),
            createdAt: row.created_at.toISOString(),
          },
          replayed: false,
        };
      });
    } catch (error) {
      // The same key raced in from another request and committed first.
      const winner = (error as { code?: string }).code === '23505' ? await this.find(donationId) : undefined;
      if (winner) return this.replay(winner, requestHash);
      throw error;
    }
  }

  async totals(): Promise<{ target: string; points: string }[]> {
    const rows = await this.dataSource.query<{ owner: string; balance: string }[]>(
      `SELECT owner, balance FROM accounts WHERE kind = $1 ORDER BY owner`,
      [AccountKind.Donations],
    );
    return rows.map((r) => ({ target: r.owner, points: String(r.balance) }));
  }

  private async find(donationId: string) {
    const [row] = await this.dataSource.query<
      { details: { target: string; points: string; requestHash: string }; created_at: Date }[]
    >(`SELECT details, created_at FROM ledger_postings WHERE idempotency_key = $1`, [
      `donation/${donationId}`,
    ]);
    return row ? { donationId, ...row } : undefined;
  }

  private replay(
    previous: {
      donationId: string;
      details: { target: string; points: string; requestHash: string };
      created_at: Date;
    },
    requestHash: string,
  ) {
    if (previous.details.requestHash !== requestHash) {
      throw new DomainError(
        ErrorCode.IdempotencyKeyReused,
        'this Idempotency-Key was used for a different donation',
      );
    }
    return {
      donation: {
        donationId: previous.donationId,
        target: previous.details.target,
        points: previous.details.points,
        createdAt: previous.created_at.toISOString(),
      },
      replayed: true,
    };
  }
}
