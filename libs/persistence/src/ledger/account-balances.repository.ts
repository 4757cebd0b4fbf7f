import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Balances of ledger accounts (the aggregated column LedgerWriter keeps), and row locks on them. */
@Injectable()
export class AccountBalancesRepository {
  /** The balance of each owner's account of `kind` (owners without one are left out). */
  async balances(manager: EntityManager, kind: string, owners: string[]): Promise<Map<string, bigint>> {
    const rows = await manager.query<{ owner: string; balance: string }[]>(
      `SELECT owner, balance FROM accounts WHERE kind = $1 AND owner = ANY($2::text[])`,
      [kind, owners],
    );
    return new Map(rows.map((r) => [r.owner, BigInt(r.balance)]));
  }

  /** Locks the owners' accounts of `kind`, in id order (the order every writer takes them in). */
  async lock(manager: EntityManager, kind: string, owners: string[]): Promise<void> {
    await manager.query(
      `SELECT id FROM accounts WHERE kind = $1 AND owner = ANY($2::text[]) ORDER BY id FOR UPDATE`,
      [kind, owners],
    );
  }
}
