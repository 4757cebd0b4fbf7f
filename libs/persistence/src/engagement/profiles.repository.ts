import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Citizens' public profiles: the nickname others see (none means anonymous). */
@Injectable()
export class ProfilesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Sets (or clears, with null) a citizen's nickname. */
  async setNickname(citizenId: string, nickname: string | null): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO citizen_profiles (citizen_id, nickname) VALUES ($1, $2)
       ON CONFLICT (citizen_id) DO UPDATE SET nickname = EXCLUDED.nickname, updated_at = now()`,
      [citizenId, nickname],
    );
  }

  /** The nicknames of those citizens who have a profile row (its nickname may be null). */
  async nicknames(citizenIds: string[]): Promise<Map<string, string | null>> {
    const rows = await this.dataSource.query<{ citizen_id: string; nickname: string | null }[]>(
      `SELECT citizen_id, nickname FROM citizen_profiles WHERE citizen_id = ANY($1::uuid[])`,
      [citizenIds],
    );
    return new Map(rows.map((r) => [r.citizen_id, r.nickname]));
  }
}
