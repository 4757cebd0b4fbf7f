import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FreeText, IsInstant } from '../../../common/field-shapes.js';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, Matches, ValidateIf } from 'class-validator';
import { TraceStepDto } from '../../../common/response-types.js';

export class MethodologyVersionDto {
  @ApiProperty() methodologyId!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: 'integer', description: 'the code module version the parameters are written for' })
  moduleVersion!: number;
  @ApiProperty({ enum: ['draft', 'published', 'retired'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) effectiveFrom!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) effectiveTo!: string | null;
  @ApiProperty({ type: [String], nullable: true, description: 'district codes; null = everywhere' })
  regionScope!: string[] | null;
  @ApiProperty() source!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'as stored: factor references appear as {"$factor": "kind/region/year"}',
  })
  params!: unknown;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'with factor references resolved (on one version, not in lists)',
  })
  resolvedParams?: unknown;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({
    enum: ['draft', 'in-force', 'scheduled', 'superseded', 'expired', 'withdrawn'],
    description:
      'where the version stands now, by the rule that picks the version for an action: in-force (chosen for at least one district of its scope), scheduled (starts later), superseded (effective, but a higher version is chosen everywhere in its scope), expired (its end has passed), withdrawn (retired), draft',
  })
  standing!: 'draft' | 'in-force' | 'scheduled' | 'superseded' | 'expired' | 'withdrawn';
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'for a superseded version: the version chosen instead',
  })
  supersededBy!: number | null;
}

/** One methodology module's parameters as a JSON schema, each field titled in Chinese, for the console's forms. */
export class ParamsSchemaDto {
  @ApiProperty() methodologyId!: string;
  @ApiProperty() moduleVersion!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'JSON Schema (draft 2020-12) of the parameters, generated from the zod schema that validates them; every property has a Chinese `title`',
  })
  schema!: Record<string, unknown>;
}

export class MethodologySummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [MethodologyVersionDto] }) versions!: MethodologyVersionDto[];
}

export class CreateDraftDto {
  @ApiPropertyOptional({ description: 'when the new version takes effect (ISO-8601); default: now' })
  @IsOptional()
  @IsInstant()
  effectiveFrom?: string;
}

export class UpdateDraftDto {
  @ApiPropertyOptional({
    type: Object,
    description: "the module's parameter set; validated against its schema",
  })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;

  @ApiPropertyOptional() @IsOptional() @IsInstant() effectiveFrom?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInstant()
  effectiveTo?: string | null;

  @ApiPropertyOptional({ type: [String], nullable: true, example: ['370100'] })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(/^\d{6}$/, { each: true })
  regionScope?: string[] | null;

  @ApiPropertyOptional() @IsOptional() @FreeText(1, 1000) source?: string;
}

export class DryRunDto {
  @ApiProperty({ type: Object, description: "the methodology's input, as a citizen would submit it" })
  @IsObject()
  data!: Record<string, unknown>;
}

export class DryRunResultDto {
  @ApiProperty({ enum: ['quantified', 'rejected', 'invalid-input'] }) outcome!: string;
  @ApiPropertyOptional({ type: String }) grams?: string;
  @ApiPropertyOptional({ type: String, description: 'by the points rule in force when the action happened' })
  points?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional() message?: string;
  @ApiPropertyOptional({
    oneOf: [
      { type: 'array', items: { type: 'object', additionalProperties: true } },
      { type: 'object', additionalProperties: true },
    ],
    description: 'invalid-input: the input issues (path, message); rejected: what the rule saw',
  })
  details?: unknown;
  @ApiPropertyOptional({ type: [TraceStepDto] }) trace?: TraceStepDto[];
  @ApiProperty({ type: 'integer', description: 'the version the input was quantified with' })
  version!: number;
}
