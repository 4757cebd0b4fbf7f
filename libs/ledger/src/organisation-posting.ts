import {
  assertBalanced,
  AccountKind,
  accountOf,
  type AccountRef,
  type Posting,
  type PostingLine,
} from './posting.js';

/** Ledger accounts of an organisation (issue 15): its 碳普惠 record and, when the program allows, points. */
export const organisationAccountOf = {
  carbon: (organisationId: string): AccountRef => ({
    kind: AccountKind.OrganisationCarbon,
    owner: organisationId,
    asset: 'CO2E_G',
  }),
  points: (organisationId: string): AccountRef => ({
    kind: AccountKind.OrganisationPoints,
    owner: organisationId,
    asset: 'POINTS',
  }),
};

export interface OrganisationActionSettlement {
  actionId: string;
  organisationId: string;
  region: string;
  grams: bigint;
  /** The points the action was quantified with; issued only when `earnsPoints`. */
  points: bigint;
  earnsPoints: boolean;
  methodologyId: string;
  methodologyVersion: number;
  /** Settled, less trusted reports of the same event this action replaces; only the difference is posted. */
  supersedes?: { actionId: string; grams: bigint; points: bigint }[];
}

/** What an organisation's settled action issues in points under the program setting. */
export function organisationPoints(s: Pick<OrganisationActionSettlement, 'points' | 'earnsPoints'>): bigint {
  return s.earnsPoints ? s.points : 0n;
}

/**
 * Settling an organisation's action: its grams go to the region's pool exactly as a citizen's do
 * (the bureau keeps the disposal right) and are recorded on the organisation's carbon account, never
 * a citizen's. Points are issued to the organisation's own points record only when the program
 * setting says organisations earn points; otherwise none are issued at all. Same key and reason as a
 * citizen's settlement (`action/<id>/settle`, ACTION_SETTLED), so an action settles once whichever
 * branch posts it and reconciliation finds one settlement posting per settled action.
 */
export function organisationSettlementPosting(s: OrganisationActionSettlement): Posting {
  const replaced = s.supersedes ?? [];
  const grams = s.grams - replaced.reduce((sum, r) => sum + r.grams, 0n);
  const points = organisationPoints(s) - replaced.reduce((sum, r) => sum + r.points, 0n);
  const lines: PostingLine[] = [];
  if (grams !== 0n) {
    lines.push({ account: organisationAccountOf.carbon(s.organisationId), amount: grams });
    lines.push({ account: accountOf.reductionPool(s.region), amount: -grams });
  }
  if (points !== 0n) {
    lines.push({ account: organisationAccountOf.points(s.organisationId), amount: points });
    lines.push({ account: accountOf.pointsIssuance(), amount: -points });
  }
  const posting: Posting = {
    idempotencyKey: `action/${s.actionId}/settle`,
    causeType: 'action',
    causeId: s.actionId,
    reason: 'ACTION_SETTLED',
    details: {
      organisation: s.organisationId,
      methodology: s.methodologyId,
      methodologyVersion: s.methodologyVersion,
      grams: s.grams.toString(),
      points: organisationPoints(s).toString(),
      ...(replaced.length
        ? {
            supersedes: replaced.map((r) => r.actionId),
            netGrams: grams.toString(),
            netPoints: points.toString(),
          }
        : {}),
    },
    lines,
  };
  assertBalanced(posting);
  return posting;
}
