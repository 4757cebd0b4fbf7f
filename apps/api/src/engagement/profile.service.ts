import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { SocialCards, type SocialCard } from './social-cards.js';

@Injectable()
export class ProfileService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cards: SocialCards,
  ) {}

  async setNickname(citizen: CitizenPrincipal, nickname: string | null): Promise<SocialCard> {
    await this.dataSource.query(
      `INSERT INTO citizen_profiles (citizen_id, nickname) VALUES ($1, $2)
       ON CONFLICT (citizen_id) DO UPDATE SET nickname = EXCLUDED.nickname, updated_at = now()`,
      [citizen.citizenId, nickname],
    );
    return this.card(citizen);
  }

  async card(citizen: CitizenPrincipal): Promise<SocialCard> {
    const [card] = await this.cards.cards([citizen.citizenId]);
    return card;
  }
}
