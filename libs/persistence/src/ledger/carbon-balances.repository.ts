import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Citizens' credited reductions: the balances of their carbon accounts. */
@Injectable()
export class CarbonBalancesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Grams credited to each of these citizens who has a carbon account (others are absent). */
  async ofCitizens(citizenIds: string[]): Promise<Map<string, bigint>> {
    const rows = await this.dataSource.query<{ owner: string; balance: string }[]>(
      `SELECT owner, balance FROM accounts WHERE kind = 'citizen_carbon' AND owner = ANY($1::text[])`,
      [citizenIds],
    );
    return new Map(rows.map((r) => [r.owner, BigInt(r.balance)]));
  }
}
