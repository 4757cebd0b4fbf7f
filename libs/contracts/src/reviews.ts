/** The reasons a reviewer may reject with: the citizen sees each one's sentence (messages-zh). */
export const REVIEW_REJECT_REASONS = [
  'EVIDENCE_INSUFFICIENT',
  'DATA_IMPLAUSIBLE',
  'DUPLICATE_SUBMISSION',
  'NOT_ELIGIBLE',
] as const;
export type ReviewRejectReason = (typeof REVIEW_REJECT_REASONS)[number];

export interface ReviewItem {
  actionId: string;
  methodology: string;
  districtCode: string;
  source: string;
  requestedGrams: string | null;
  grams: string | null;
  points: string | null;
  capApplied: string | null;
  data: unknown;
  evidence: unknown;
  receivedAt: string;
}
