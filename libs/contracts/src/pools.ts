export interface PoolView {
  region: string;
  name: string | null;
  accruedGrams: string;
  retiredGrams: string;
  availableGrams: string;
}

export interface RetirementView {
  id: string;
  serial: string;
  region: string;
  grams: string;
  purpose: string;
  beneficiary: string | null;
  createdBy: string;
  createdAt: string;
  postingId: string;
}
