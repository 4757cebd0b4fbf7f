import { ProfilesRepository } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { SocialCards, type SocialCard } from './social-cards.js';

@Injectable()
export class ProfileService {
  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly cards: SocialCards,
  ) {}

  async setNickname(citizen: CitizenPrincipal, nickname: string | null): Promise<SocialCard> {
    await this.profiles.setNickname(citizen.citizenId, nickname);
    return this.card(citizen);
  }

  async card(citizen: CitizenPrincipal): Promise<SocialCard> {
    const [card] = await this.cards.cards([citizen.citizenId]);
    return card;
  }
}
