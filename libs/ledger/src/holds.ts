import { DomainError, ErrorCode } from '@app/domain';
import type { EntityManager } from 'typeorm';
import type { LedgerWriter } from './ledger-writer.js';
import { consumeLots, restoreLots } from './points-lots.js';
import { accountKey, accountOf, holdPosting, holdResolutionPosting } from './posting.js';

export interface HoldRow {
  id: string;
  partner_id: string;
  citizen_id: string;
  points: string;
  confirmed_points: string | null;
  status: 'active' | 'confirmed' | 'cancelled' | 'expired';
  reference: string | null;
  expires_at: Date;
  created_at: Date;
  resolved_at: Date | null;
}

/**
 * Reserves points for a partner. The citizen's points account is locked first (through the ledger
 * writer), so concurrent holds and redemptions of one citizen queue and can never overdraw it.
 */
export async function reserve(
  manager: EntityManager,
  ledger: LedgerWriter,
  h: { partnerId: string; citizenId: string; points: bigint; ttlSeconds: number; reference?: string },
): Promise<HoldRow> {
  const spending = accountOf.citizenPoints(h.citizenId);
  const balances = await ledger.lockForSpending(manager, [spending, accountOf.pointsHeld(h.citizenId)]);
  const available = balances.get(accountKey(spending)) ?? 0n;
  if (available < h.points) {
    throw new DomainError(ErrorCode.InsufficientPoints, `${available} points available, ${h.points} asked`, {
      available: available.toString(),
    });
  }
  const [hold] = await manager.query<HoldRow[]>(
    `INSERT INTO holds (partner_id, citizen_id, points, status, reference, expires_at)
     VALUES ($1, $2, $3, 'active', $4, now() + make_interval(secs => $5)) RETURNING *`,
    [h.partnerId, h.citizenId, h.points.toString(), h.reference ?? null, h.ttlSeconds],
  );
  await ledger.post(manager, [
    holdPosting({ holdId: hold.id, citizenId: h.citizenId, partnerId: h.partnerId, points: h.points }),
  ]);
  const taken = await consumeLots(manager, h.citizenId, h.points);
  await manager.query(
    `INSERT INTO hold_lots (hold_id, lot_id, points) SELECT $1, l, p FROM unnest($2::bigint[], $3::bigint[]) AS v(l, p)`,
    [hold.id, taken.map((t) => t.id), taken.map((t) => t.take.toString())],
  );
  return hold;
}

/**
 * Resolves a hold exactly once: confirm (all or part; the rest goes back), cancel, or expire. The
 * hold row is locked and must still be active; a hold past its expiry can only expire.
 */
export async function resolve(
  manager: EntityManager,
  ledger: LedgerWriter,
  holdId: string,
  outcome: { kind: 'confirm'; points?: bigint } | { kind: 'cancel' } | { kind: 'expire' },
  partnerId?: string,
): Promise<HoldRow> {
  const [hold] = await manager.query<HoldRow[]>(
    `SELECT * FROM holds WHERE id = $1 AND ($2::text IS NULL OR partner_id = $2) FOR UPDATE`,
    [holdId, partnerId ?? null],
  );
  if (!hold) throw new DomainError(ErrorCode.HoldNotFound, 'no such hold');
  if (hold.status !== 'active') {
    throw new DomainError(ErrorCode.HoldResolved, `the hold is already ${hold.status}`, {
      status: hold.status,
    });
  }
  const held = BigInt(hold.points);
  const expired = hold.expires_at.getTime() <= Date.now();
  if (expired !== (outcome.kind === 'expire')) {
    // Confirming or cancelling too late changes nothing: the expiry job gives the points back.
    if (expired)
      throw new DomainError(
        ErrorCode.HoldExpired,
        'the hold has expired; its points go back to the citizen',
        { holdId: hold.id },
      );
    throw new Error(`hold ${hold.id} is not due to expire yet`);
  }
  let status: HoldRow['status'];
  let confirmed = 0n;
  if (outcome.kind === 'confirm') {
    confirmed = outcome.points ?? held;
    if (confirmed <= 0n || confirmed > held) {
      throw new DomainError(
        ErrorCode.ConfirmExceedsHold,
        `a confirmation must be between 1 and the ${held} points held`,
        { held: held.toString() },
      );
    }
    status = 'confirmed';
  } else if (outcome.kind === 'cancel') {
    status = 'cancelled';
  } else {
    status = 'expired';
  }
  await ledger.post(manager, [
    holdResolutionPosting({
      holdId: hold.id,
      citizenId: hold.citizen_id,
      partnerId: hold.partner_id,
      held,
      confirmed,
      outcome: status as 'confirmed' | 'cancelled' | 'expired',
    }),
  ]);
  const taken = await manager.query<{ lot_id: string; points: string }[]>(
    `SELECT hl.lot_id, hl.points FROM hold_lots hl JOIN points_lots l ON l.id = hl.lot_id WHERE hl.hold_id = $1 ORDER BY l.expires_at, l.id`,
    [hold.id],
  );
  await restoreLots(
    manager,
    taken.map((t) => ({ id: String(t.lot_id), take: BigInt(t.points) })),
    held - confirmed,
  );
  const [rows] = await manager.query<[HoldRow[], number]>(
    `UPDATE holds SET status = $2, confirmed_points = $3, resolved_at = now() WHERE id = $1 RETURNING *`,
    [hold.id, status, status === 'confirmed' ? confirmed.toString() : null],
  );
  return rows[0];
}
