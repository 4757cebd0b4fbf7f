import { DomainError, ErrorCode } from '@app/domain';

export type Asset = 'CO2E_G' | 'POINTS';

export const AccountKind = {
  /** A citizen's credited reductions (grams CO2e): a record, not spendable. */
  CitizenCarbon: 'citizen_carbon',
  /** A citizen's spendable points. */
  CitizenPoints: 'citizen_points',
  /** Where points come from; its balance is minus all points ever issued. */
  PointsIssuance: 'points_issuance',
  /** The ecology bureau's pool of a region's reductions (credit-normal: minus the grams available). */
  ReductionPool: 'reduction_pool',
  /** Reductions retired (注销) from a region's pool (credit-normal: minus the grams retired). */
  RetiredReductions: 'retired_reductions',
  /** Points that expired unspent. */
  ExpiredPoints: 'expired_points',
  /** A citizen's points reserved by partner holds, until confirmed, cancelled or expired. */
  PointsHeld: 'points_held',
  /** What a redemption partner has been given in points (its clearing position). */
  PartnerClearing: 'partner_clearing',
  /** Points citizens gave to a tree-planting or charity account. */
  Donations: 'donations',
  /** An organisation's credited reductions (grams CO2e): its 碳普惠 record, not spendable. */
  OrganisationCarbon: 'organisation_carbon',
  /** Points credited to an organisation, only when the program setting says organisations earn points. */
  OrganisationPoints: 'organisation_points',
} as const;
export type AccountKind = (typeof AccountKind)[keyof typeof AccountKind];

export interface AccountRef {
  kind: AccountKind;
  owner: string;
  asset: Asset;
  /**
   * Which row of a sharded counter account (issuance, a region's pool): settlement lanes post to their
   * own shard so concurrent batches lock different rows. The account's balance is the sum of its
   * shards. Absent means shard 0, the only one every other account has.
   */
  shard?: number;
}

export const accountOf = {
  citizenCarbon: (citizenId: string): AccountRef => ({
    kind: AccountKind.CitizenCarbon,
    owner: citizenId,
    asset: 'CO2E_G',
  }),
  citizenPoints: (citizenId: string): AccountRef => ({
    kind: AccountKind.CitizenPoints,
    owner: citizenId,
    asset: 'POINTS',
  }),
  pointsIssuance: (): AccountRef => ({ kind: AccountKind.PointsIssuance, owner: 'program', asset: 'POINTS' }),
  reductionPool: (region: string): AccountRef => ({
    kind: AccountKind.ReductionPool,
    owner: region,
    asset: 'CO2E_G',
  }),
  retiredReductions: (region: string): AccountRef => ({
    kind: AccountKind.RetiredReductions,
    owner: region,
    asset: 'CO2E_G',
  }),
  expiredPoints: (): AccountRef => ({ kind: AccountKind.ExpiredPoints, owner: 'program', asset: 'POINTS' }),
  pointsHeld: (citizenId: string): AccountRef => ({
    kind: AccountKind.PointsHeld,
    owner: citizenId,
    asset: 'POINTS',
  }),
  partnerClearing: (partnerId: string): AccountRef => ({
    kind: AccountKind.PartnerClearing,
    owner: partnerId,
    asset: 'POINTS',
  }),
  donations: (target: string): AccountRef => ({
    kind: AccountKind.Donations,
    owner: target,
    asset: 'POINTS',
  }),
};

export const accountKey = (ref: Pick<AccountRef, 'kind' | 'owner' | 'shard'>): string =>
  ref.shard ? `${ref.kind}/${ref.owner}#${ref.shard}` : `${ref.kind}/${ref.owner}`;

export interface PostingLine {
  account: AccountRef;
  amount: bigint;
}

/** One balanced set of ledger lines, written at most once (its idempotency key is unique forever). */
export interface Posting {
  idempotencyKey: string;
  causeType: 'action' | 'redemption' | 'hold' | 'donation' | 'expiry' | 'retirement' | 'reversal';
  causeId: string;
  reason: string;
  details?: Record<string, unknown>;
  lines: PostingLine[];
}

/** Throws unless every asset sums to zero, no line is zero and each account carries one asset. */
export function assertBalanced(posting: Posting): void {
  const totals = new Map<Asset, bigint>();
  const assets = new Map<string, Asset>();
  for (const line of posting.lines) {
    if (line.amount === 0n) throw unbalanced(posting, 'a line of zero');
    const key = accountKey(line.account);
    const known = assets.get(key);
    if (known && known !== line.account.asset)
      throw unbalanced(posting, `account ${key} used with two assets`);
    assets.set(key, line.account.asset);
    totals.set(line.account.asset, (totals.get(line.account.asset) ?? 0n) + line.amount);
  }
  for (const [asset, total] of totals) {
    if (total !== 0n) throw unbalanced(posting, `${asset} is off by ${total}`);
  }
}

function unbalanced(posting: Posting, why: string): DomainError {
  return new DomainError(ErrorCode.LedgerUnbalanced, `posting ${posting.idempotencyKey} refused: ${why}`, {
    idempotencyKey: posting.idempotencyKey,
  });
}

export interface ActionSettlement {
  actionId: string;
  citizenId: string;
  region: string;
  grams: bigint;
  points: bigint;
  methodologyId: string;
  methodologyVersion: number;
  /** Settled, less trusted reports of the same event this action replaces; only the difference is posted. */
  supersedes?: { actionId: string; grams: bigint; points: bigint }[];
  /** Points the citizen no longer has to give back (spent since), when the difference is negative. */
  pointsShortfall?: bigint;
}

/**
 * Settling an action credits the citizen's carbon record and accrues the same grams to the region's
 * pool (the bureau's disposal right), and issues the points. Zero amounts produce no line. When it
 * supersedes settled reports of the same event, it posts only the difference, which may be negative.
 */
export function actionSettlementPosting(s: ActionSettlement): Posting {
  const replaced = s.supersedes ?? [];
  const grams = s.grams - replaced.reduce((sum, r) => sum + r.grams, 0n);
  const points = s.points - replaced.reduce((sum, r) => sum + r.points, 0n) + (s.pointsShortfall ?? 0n);
  const lines: PostingLine[] = [];
  if (grams !== 0n) {
    lines.push({ account: accountOf.citizenCarbon(s.citizenId), amount: grams });
    lines.push({ account: accountOf.reductionPool(s.region), amount: -grams });
  }
  if (points !== 0n) {
    lines.push({ account: accountOf.citizenPoints(s.citizenId), amount: points });
    lines.push({ account: accountOf.pointsIssuance(), amount: -points });
  }
  const posting: Posting = {
    idempotencyKey: `action/${s.actionId}/settle`,
    causeType: 'action',
    causeId: s.actionId,
    reason: 'ACTION_SETTLED',
    details: {
      methodology: s.methodologyId,
      methodologyVersion: s.methodologyVersion,
      grams: s.grams.toString(),
      points: s.points.toString(),
      ...(replaced.length
        ? {
            supersedes: replaced.map((r) => r.actionId),
            netGrams: grams.toString(),
            netPoints: points.toString(),
            ...(s.pointsShortfall ? { pointsShortfall: s.pointsShortfall.toString() } : {}),
          }
        : {}),
    },
    lines,
  };
  assertBalanced(posting);
  return posting;
}

/** Retiring (注销) grams from a region's pool moves them to the region's retired reductions, for good. */
export function retirementPosting(r: {
  retirementId: string;
  serial: string;
  region: string;
  grams: bigint;
  purpose: string;
  /** What each shard of the pool gives (drawFromShards); the whole amount from shard 0 when absent. */
  fromShards?: { shard: number; grams: bigint }[];
}): Posting {
  const draws = r.fromShards ?? [{ shard: 0, grams: r.grams }];
  const posting: Posting = {
    idempotencyKey: `retirement/${r.retirementId}`,
    causeType: 'retirement',
    causeId: r.retirementId,
    reason: 'REDUCTIONS_RETIRED',
    details: { serial: r.serial, region: r.region, grams: r.grams.toString(), purpose: r.purpose },
    lines: [
      ...draws.map((d) => ({
        account: d.shard
          ? { ...accountOf.reductionPool(r.region), shard: d.shard }
          : accountOf.reductionPool(r.region),
        amount: d.grams,
      })),
      { account: accountOf.retiredReductions(r.region), amount: -r.grams },
    ],
  };
  assertBalanced(posting);
  return posting;
}

/** Unspent points of a lot past its expiry move to the expired-points account, once per lot. */
export function expiryPosting(e: {
  lotId: string;
  citizenId: string;
  points: bigint;
  expiresAt: Date;
}): Posting {
  const posting: Posting = {
    idempotencyKey: `expiry/lot/${e.lotId}`,
    causeType: 'expiry',
    causeId: e.lotId,
    reason: 'POINTS_EXPIRED',
    details: { lot: e.lotId, points: e.points.toString(), expiredAt: e.expiresAt.toISOString() },
    lines: [
      { account: accountOf.citizenPoints(e.citizenId), amount: -e.points },
      { account: accountOf.expiredPoints(), amount: e.points },
    ],
  };
  assertBalanced(posting);
  return posting;
}

/** Reserving points for a partner: they leave the spendable balance, and wait in the held account. */
export function holdPosting(h: {
  holdId: string;
  citizenId: string;
  partnerId: string;
  points: bigint;
}): Posting {
  const posting: Posting = {
    idempotencyKey: `hold/${h.holdId}/reserve`,
    causeType: 'hold',
    causeId: h.holdId,
    reason: 'POINTS_HELD',
    details: { partner: h.partnerId, points: h.points.toString() },
    lines: [
      { account: accountOf.citizenPoints(h.citizenId), amount: -h.points },
      { account: accountOf.pointsHeld(h.citizenId), amount: h.points },
    ],
  };
  assertBalanced(posting);
  return posting;
}

/** Resolving a hold, once: the confirmed points go to the partner, the rest back to the citizen. */
export function holdResolutionPosting(h: {
  holdId: string;
  citizenId: string;
  partnerId: string;
  held: bigint;
  confirmed: bigint;
  outcome: 'confirmed' | 'cancelled' | 'expired';
}): Posting {
  const released = h.held - h.confirmed;
  const lines: PostingLine[] = [{ account: accountOf.pointsHeld(h.citizenId), amount: -h.held }];
  if (h.confirmed > 0n) lines.push({ account: accountOf.partnerClearing(h.partnerId), amount: h.confirmed });
  if (released > 0n) lines.push({ account: accountOf.citizenPoints(h.citizenId), amount: released });
  const posting: Posting = {
    idempotencyKey: `hold/${h.holdId}/resolve`,
    causeType: 'hold',
    causeId: h.holdId,
    reason:
      h.outcome === 'confirmed'
        ? 'HOLD_CONFIRMED'
        : h.outcome === 'cancelled'
          ? 'HOLD_CANCELLED'
          : 'HOLD_EXPIRED',
    details: {
      partner: h.partnerId,
      held: h.held.toString(),
      confirmed: h.confirmed.toString(),
      released: released.toString(),
    },
    lines,
  };
  assertBalanced(posting);
  return posting;
}

/** A citizen gives points to a tree-planting or charity account. */
export function donationPosting(d: {
  donationId: string;
  citizenId: string;
  target: string;
  points: bigint;
  requestHash: string;
}): Posting {
  const posting: Posting = {
    idempotencyKey: `donation/${d.donationId}`,
    causeType: 'donation',
    causeId: d.donationId,
    reason: 'POINTS_DONATED',
    details: { target: d.target, points: d.points.toString(), requestHash: d.requestHash },
    lines: [
      { account: accountOf.citizenPoints(d.citizenId), amount: -d.points },
      { account: accountOf.donations(d.target), amount: d.points },
    ],
  };
  assertBalanced(posting);
  return posting;
}

/** A catalog redemption: the citizen's points go to the fulfilling partner's clearing account. */
export function redemptionPosting(o: {
  orderId: string;
  citizenId: string;
  partnerId: string;
  points: bigint;
}): Posting {
  const posting: Posting = {
    idempotencyKey: `order/${o.orderId}/redeem`,
    causeType: 'redemption',
    causeId: o.orderId,
    reason: 'POINTS_REDEEMED',
    details: { partner: o.partnerId, points: o.points.toString() },
    lines: [
      { account: accountOf.citizenPoints(o.citizenId), amount: -o.points },
      { account: accountOf.partnerClearing(o.partnerId), amount: o.points },
    ],
  };
  assertBalanced(posting);
  return posting;
}

/** The reversal of a redemption whose order failed or was cancelled: once, by its own key. */
export function refundPosting(o: {
  orderId: string;
  citizenId: string;
  partnerId: string;
  points: bigint;
  why: string;
}): Posting {
  const posting: Posting = {
    idempotencyKey: `order/${o.orderId}/refund`,
    causeType: 'reversal',
    causeId: o.orderId,
    reason: 'REDEMPTION_REFUNDED',
    details: {
      partner: o.partnerId,
      points: o.points.toString(),
      why: o.why,
      reverses: `order/${o.orderId}/redeem`,
    },
    lines: [
      { account: accountOf.partnerClearing(o.partnerId), amount: -o.points },
      { account: accountOf.citizenPoints(o.citizenId), amount: o.points },
    ],
  };
  assertBalanced(posting);
  return posting;
}
