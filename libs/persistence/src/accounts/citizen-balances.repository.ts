import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** One ledger account's balance (a bigint as a decimal string). */
export interface AccountBalance {
  kind: string;
  balance: string;
}

/** The balances of the accounts a citizen owns. */
@Injectable()
export class CitizenBalancesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The owner's accounts of these kinds that exist (an account is opened by its first posting). */
  async balances(owner: string, kinds: readonly string[]): Promise<AccountBalance[]> {
    return this.dataSource.query<AccountBalance[]>(
      `SELECT kind, balance::text AS balance FROM accounts WHERE owner = $1 AND kind = ANY($2::text[])`,
      [owner, kinds],
    );
  }
}
