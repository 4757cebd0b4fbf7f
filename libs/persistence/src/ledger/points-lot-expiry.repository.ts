import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A points lot past its expiry with points left. */
export interface DueLot {
  id: string;
  citizenId: string;
  remaining: bigint;
  expiresAt: Date;
}

/** Points lots past their expiry date, as the expiry run finds, locks and empties them. */
@Injectable()
export class PointsLotExpiryRepository {
  /** The citizens owning the first `limit` lots (by id) due at `now` with points left. */
  async citizensWithDueLots(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows = await manager.query<{ citizen_id: string }[]>(
      `SELECT DISTINCT citizen_id FROM (SELECT citizen_id FROM points_lots WHERE remaining > 0 AND expires_at <= $1 ORDER BY id LIMIT $2) d`,
      [now, limit],
    );
    return rows.map((r) => r.citizen_id);
  }

  /** Locks and returns up to `limit` of the citizens' lots due at `now` with points left, by id. */
  async lockDueLots(manager: EntityManager, citizens: string[], now: Date, limit: number): Promise<DueLot[]> {
    const rows = await manager.query<
      { id: string; citizen_id: string; remaining: string; expires_at: Date }[]
    >(
      `SELECT id, citizen_id, remaining, expires_at FROM points_lots
       WHERE citizen_id = ANY($1::uuid[]) AND remaining > 0 AND expires_at <= $2 ORDER BY id LIMIT $3 FOR UPDATE`,
      [citizens, now, limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      citizenId: r.citizen_id,
      remaining: BigInt(r.remaining),
      expiresAt: r.expires_at,
    }));
  }

  /** Leaves nothing in the lots (their expiry has been posted). */
  async empty(manager: EntityManager, lotIds: string[]): Promise<void> {
    await manager.query(`UPDATE points_lots SET remaining = 0 WHERE id = ANY($1::bigint[])`, [lotIds]);
  }
}
