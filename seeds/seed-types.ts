export interface MethodologyVersionSeed {
  methodologyId: string;
  title: string;
  version: number;
  moduleVersion: number;
  effectiveFrom: string;
  regionScope: string[] | null;
  source: string;
  params: unknown;
}

export interface PointsRuleSeed {
  version: number;
  /** points = floor(grams × pointsPerGram) */
  pointsPerGram: string;
  effectiveFrom: string;
  source: string;
}
