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
