import { DomainError, ErrorCode } from '@app/domain';
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
    private readonly cards: SocialCards,
  ) {}

  async invite(citizen: CitizenPrincipal): Promise<{ code: string; expiresAt: string }> {
    const code = newInviteCode();
    const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
    await this.dataSource.query(
      `INSERT INTO friend_invites (inviter_id, code_digest, expires_at) VALUES ($1, $2, $3)`,
      [citizen.citizenId, codeDigest(code), expiresAt],
    );
    return { code, expiresAt: expiresAt.toISOString() };
  }

  /** Accepts an invite once; the friendship is stored in both directions. */
  async accept(citizen: CitizenPrincipal, code: string): Promise<SocialCard> {
    const friendId = await this.dataSource.transaction(async (m) => {
      const [invite] = await m.query<{ id: string; inviter_id: string }[]>(
        `SELECT i.id, i.inviter_id FROM friend_invites i JOIN citizens c ON c.id = i.inviter_id AND c.deleted_at IS NULL
         WHERE i.code_digest = $1 AND i.accepted_at IS NULL AND i.expires_at > now() FOR UPDATE OF i`,
        [codeDigest(code)],
      );
      if (!invite)
        throw new DomainError(ErrorCode.FriendInviteInvalid, 'this invite code is unknown, used or expired');
      if (invite.inviter_id === citizen.citizenId)
        throw new DomainError(ErrorCode.FriendOfSelf, 'you cannot accept your own invite');
      await m.query(`UPDATE friend_invites SET accepted_by = $2, accepted_at = now() WHERE id = $1`, [
        invite.id,
        citizen.citizenId,
      ]);
      await m.query(
        `INSERT INTO friendships (citizen_id, friend_id) VALUES ($1, $2), ($2, $1) ON CONFLICT DO NOTHING`,
        [citizen.citizenId, invite.inviter_id],
      );
      return invite.inviter_id;
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
    const removed = await this.dataSource.query<unknown[]>(
      `DELETE FROM friendships WHERE (citizen_id = $1 AND friend_id = $2) OR (citizen_id = $2 AND friend_id = $1)
       RETURNING citizen_id`,
      [citizen.citizenId, otherId],
    );
    if (!removed.length) throw new DomainError(ErrorCode.FriendNotFound, 'no such friend');
  }

  async friendIds(citizenId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ friend_id: string }[]>(
      `SELECT f.friend_id FROM friendships f JOIN citizens c ON c.id = f.friend_id AND c.deleted_at IS NULL
       WHERE f.citizen_id = $1 ORDER BY f.friend_id`,
      [citizenId],
    );
    return rows.map((r) => r.friend_id);
  }
}
