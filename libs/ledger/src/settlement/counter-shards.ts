import { AccountKind, type Posting } from '../posting.js';

/** The counter-side accounts every settlement touches: without shards, every batch would queue on them. */
const SHARDED_KINDS: ReadonlySet<string> = new Set([AccountKind.PointsIssuance, AccountKind.ReductionPool]);

/**
 * Moves a settlement posting's counter-side lines (points issuance, the region's pool) to one shard of
 * those accounts. Citizen and organisation lines are untouched, so each posting still balances on its
 * own and names its action, methodology version and amounts; only the row the counter-side grams and
 * points are kept in changes. Shard 0 is the account's original row.
 */
export function onCounterShard(posting: Posting, shard: number): Posting {
  if (!Number.isInteger(shard) || shard < 0)
    throw new RangeError(`shard must be a whole number ≥ 0, got ${shard}`);
  if (shard === 0) return posting;
  return {
    ...posting,
    lines: posting.lines.map((line) =>
      SHARDED_KINDS.has(line.account.kind) ? { ...line, account: { ...line.account, shard } } : line,
    ),
  };
}

/** The lanes a worker tries, starting from `first`, each once: workers spread over lanes instead of all queueing on lane 0. */
export function laneOrder(lanes: number, first: number): number[] {
  return Array.from({ length: lanes }, (_, i) => (first + i) % lanes);
}

/**
 * Which shards of a pool give `grams`, lowest shard first, each no more than it holds (a pool's
 * balance is minus the grams available, and no shard may go above zero). Throws when the shards
 * together hold less: callers check the total first.
 */
export function drawFromShards(
  available: { shard: number; grams: bigint }[],
  grams: bigint,
): { shard: number; grams: bigint }[] {
  const draws: { shard: number; grams: bigint }[] = [];
  let left = grams;
  for (const { shard, grams: has } of [...available].sort((a, b) => a.shard - b.shard)) {
    if (left <= 0n) break;
    const take = has < left ? has : left;
    if (take > 0n) draws.push({ shard, grams: take });
    left -= take;
  }
  if (left > 0n) throw new RangeError(`the shards hold ${grams - left} g, ${grams} g asked`);
  return draws;
}
