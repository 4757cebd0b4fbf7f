/** The methodology shapes as the OpenAPI document describes them (generated: ../api/schema.d.ts). */
import type { Schema } from '../api';

export type MethodologyVersion = Schema<'MethodologyVersionDto'>;
export type MethodologySummary = Schema<'MethodologySummaryDto'>;
export type DryRunResult = Schema<'DryRunResultDto'>;
