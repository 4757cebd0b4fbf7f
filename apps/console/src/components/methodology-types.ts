export interface MethodologyVersion {
  methodologyId: string;
  version: number;
  moduleVersion: number;
  status: 'draft' | 'published' | 'retired';
  effectiveFrom: string;
  effectiveTo: string | null;
  regionScope: string[] | null;
  source: string;
  params: unknown;
  resolvedParams?: unknown;
  publishedAt: string | null;
}

export interface MethodologySummary {
  id: string;
  title: string;
  versions: MethodologyVersion[];
}
