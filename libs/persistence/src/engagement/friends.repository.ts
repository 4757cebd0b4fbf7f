import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** An invite not yet accepted, not expired, from a citizen not deleted. */
export interface OpenInvite {
  id: string;
  inviterId: string;
}

/** Friend invites (stored by code digest) and friendships (stored in both directions). */
@Injectable()
export class FriendsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async createInvite(inviterId: string, codeDigest: string, expiresAt: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO friend_invites (inviter_id, code_digest, expires_at) VALUES ($1, $2, $3)`,
      [inviterId, codeDigest, expiresAt],
    );
  }

  /** The open invite with this code digest, locked until the transaction ends; undefined when none. */
  async lockOpenInvite(manager: EntityManager, codeDigest: string): Promise<OpenInvite | undefined> {
    const [row] = await manager.query<{ id: string; inviter_id: string }[]>(
      `SELECT i.id, i.inviter_id FROM friend_invites i JOIN citizens c ON c.id = i.inviter_id AND c.deleted_at IS NULL
       WHERE i.code_digest = $1 AND i.accepted_at IS NULL AND i.expires_at > now() FOR UPDATE OF i`,
      [codeDigest],
    );
    return row && { id: row.id, inviterId: row.inviter_id };
  }

  async markAccepted(manager: EntityManager, inviteId: string, acceptedBy: string): Promise<void> {
    await manager.query(`UPDATE friend_invites SET accepted_by = $2, accepted_at = now() WHERE id = $1`, [
      inviteId,
      acceptedBy,
    ]);
  }

  /** Stores the friendship in both directions; an existing one is left as it is. */
  async befriend(manager: EntityManager, citizenId: string, friendId: string): Promise<void> {
    await manager.query(
      `INSERT INTO friendships (citizen_id, friend_id) VALUES ($1, $2), ($2, $1) ON CONFLICT DO NOTHING`,
      [citizenId, friendId],
    );
  }

  /** Removes the friendship in both directions; false when there was none. */
  async unfriend(citizenId: string, otherId: string): Promise<boolean> {
    // A DELETE answers [rows, count]: the count is what says whether anything was removed.
    const [, removed] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM friendships WHERE (citizen_id = $1 AND friend_id = $2) OR (citizen_id = $2 AND friend_id = $1)
       RETURNING citizen_id`,
      [citizenId, otherId],
    );
    return removed > 0;
  }

  /** A citizen's friends who are not deleted, by id. */
  async friendIds(citizenId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ friend_id: string }[]>(
      `SELECT f.friend_id FROM friendships f JOIN citizens c ON c.id = f.friend_id AND c.deleted_at IS NULL
       WHERE f.citizen_id = $1 ORDER BY f.friend_id`,
      [citizenId],
    );
    return rows.map((r) => r.friend_id);
  }
}
