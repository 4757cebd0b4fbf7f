import { cstYear, cstYearBounds, DomainError, ErrorCode } from '@app/domain';
import type { EntityManager } from 'typeorm';

/**
 * Points earned in a year are valid to the end of the following year (China Standard Time): a lot
 * earned any time in 2026 expires at 2028-01-01T00:00+08:00.
 */
export function lotExpiry(earnedAt: Date, validityYears = 1): Date {
  return cstYearBounds(cstYear(earnedAt) + validityYears).to;
}

export interface OpenLot {
  id: string;
  remaining: bigint;
  /** When what is left of it expires: the lot expiring soonest is spent first. */
  expiresAt: Date;
}

/** Soonest-expiring first; among lots expiring together, the one opened first (lower id). */
export function byExpiry(a: OpenLot, b: OpenLot): number {
  const expiry = a.expiresAt.getTime() - b.expiresAt.getTime();
  if (expiry !== 0) return expiry;
  const ia = BigInt(a.id);
  const ib = BigInt(b.id);
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/**
 * Takes `amount` from a citizen's open lots, soonest-expiring first (whatever order they come in), so
 * points that would expire first are the ones spent; what each lot gives, in the order taken.
 */
export function planConsumption(lots: readonly OpenLot[], amount: bigint): { id: string; take: bigint }[] {
  const plan: { id: string; take: bigint }[] = [];
  let left = amount;
  for (const lot of [...lots].sort(byExpiry)) {
    if (left <= 0n) break;
    const take = lot.remaining < left ? lot.remaining : left;
    if (take > 0n) plan.push({ id: lot.id, take });
    left -= take;
  }
  if (left > 0n)
    throw new DomainError(ErrorCode.PointsLotsShort, `lots hold ${amount - left} points, ${amount} needed`);
  return plan;
}

/** Opens a lot per positive points credit. */
export async function openLots(
  manager: EntityManager,
  lots: { citizenId: string; postingId: string; points: bigint; earnedAt: Date }[],
): Promise<void> {
  if (!lots.length) return;
  await manager.query(
    `INSERT INTO points_lots (citizen_id, posting_id, points, remaining, earned_at, expires_at)
     SELECT c, p, n, n, e, x FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::timestamptz[], $5::timestamptz[]) AS v(c, p, n, e, x)`,
    [
      lots.map((l) => l.citizenId),
      lots.map((l) => l.postingId),
      lots.map((l) => l.points.toString()),
      lots.map((l) => l.earnedAt),
      lots.map((l) => lotExpiry(l.earnedAt)),
    ],
  );
}

/** Spends a citizen's points from their lots, oldest-expiring first (the caller posts the ledger side). */
export async function consumeLots(
  manager: EntityManager,
  citizenId: string,
  amount: bigint,
): Promise<{ id: string; take: bigint }[]> {
  if (amount <= 0n) return [];
  const rows = await manager.query<{ id: string; remaining: string; expires_at: Date }[]>(
    `SELECT id, remaining, expires_at FROM points_lots WHERE citizen_id = $1 AND remaining > 0 ORDER BY expires_at, id FOR UPDATE`,
    [citizenId],
  );
  const plan = planConsumption(
    rows.map((r) => ({ id: String(r.id), remaining: BigInt(r.remaining), expiresAt: r.expires_at })),
    amount,
  );
  await manager.query(
    `UPDATE points_lots l SET remaining = l.remaining - v.take FROM unnest($1::bigint[], $2::bigint[]) AS v(id, take) WHERE l.id = v.id`,
    [plan.map((p) => p.id), plan.map((p) => p.take.toString())],
  );
  return plan;
}

/**
 * Gives `amount` points back to the lots they were taken from, latest-expiring first, so what stays
 * spent came from the oldest lots. A lot already past its expiry is expired by the next expiry run.
 */
export async function restoreLots(
  manager: EntityManager,
  taken: { id: string; take: bigint }[],
  amount: bigint,
): Promise<void> {
  let left = amount;
  const restore: { id: string; give: bigint }[] = [];
  for (const lot of [...taken].reverse()) {
    if (left <= 0n) break;
    const give = lot.take < left ? lot.take : left;
    restore.push({ id: lot.id, give });
    left -= give;
  }
  if (left > 0n)
    throw new DomainError(
      ErrorCode.PointsLotsShort,
      `cannot restore ${amount} points to lots that gave ${amount - left}`,
    );
  if (!restore.length) return;
  await manager.query(
    `UPDATE points_lots l SET remaining = l.remaining + v.give FROM unnest($1::bigint[], $2::bigint[]) AS v(id, give) WHERE l.id = v.id`,
    [restore.map((r) => r.id), restore.map((r) => r.give.toString())],
  );
}
