import { DomainError, ErrorCode } from '@app/domain';
import { FriendsRepository } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { codeDigest, newInviteCode } from './invite-codes.js';
import { SocialCards, type SocialCard } from './social-cards.js';

const INVITE_TTL_MS = 7 * 86_400_000;

/** Friends by invite code: one citizen makes a code, the other accepts it; either may remove the other. */
@Injectable()
export class FriendsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly friends: FriendsRepository,
    private readonly cards: SocialCards,
  ) {}

  async invite(citizen: CitizenPrincipal): Promise<{ code: string; expiresAt: string }> {
    const code = newInviteCode();
    const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
    await this.friends.createInvite(citizen.citizenId, codeDigest(code), expiresAt);
    return { code, expiresAt: expiresAt.toISOString() };
  }

  /** Accepts an invite once; the friendship is stored in both directions. */
  async accept(citizen: CitizenPrincipal, code: string): Promise<SocialCard> {
    const friendId = await this.dataSource.transaction(async (m) => {
      const invite = await this.friends.lockOpenInvite(m, codeDigest(code));
      if (!invite)
        throw new DomainError(ErrorCode.FriendInviteInvalid, 'this invite code is unknown, used or expired');
      if (invite.inviterId === citizen.citizenId)
        throw new DomainError(ErrorCode.FriendOfSelf, 'you cannot accept your own invite');
      await this.friends.markAccepted(m, invite.id, citizen.citizenId);
      await this.friends.befriend(m, citizen.citizenId, invite.inviterId);
      return invite.inviterId;
    });
    const [card] = await this.cards.cards([friendId]);
    return card;
  }

  async list(citizen: CitizenPrincipal): Promise<SocialCard[]> {
    return this.cards.cards(await this.friendIds(citizen.citizenId));
  }

  /** A friend's card; anyone else is 404, whether they exist or not. */
  async get(citizen: CitizenPrincipal, otherId: string): Promise<SocialCard> {
    if (!(await this.friendIds(citizen.citizenId)).includes(otherId))
      throw new DomainError(ErrorCode.FriendNotFound, 'no such friend');
    const [card] = await this.cards.cards([otherId]);
    return card;
  }

  async remove(citizen: CitizenPrincipal, otherId: string): Promise<void> {
    if (!(await this.friends.unfriend(citizen.citizenId, otherId)))
      throw new DomainError(ErrorCode.FriendNotFound, 'no such friend');
  }

  async friendIds(citizenId: string): Promise<string[]> {
    return this.friends.friendIds(citizenId);
  }
}
