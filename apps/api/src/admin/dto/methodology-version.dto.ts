import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FreeText, IsInstant } from '../../common/field-shapes.js';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, Matches, ValidateIf } from 'class-validator';

export class MethodologyVersionDto {
  @ApiProperty() methodologyId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'the code module version the parameters are written for' })
  moduleVersion!: number;
  @ApiProperty({ enum: ['draft', 'published', 'retired'] }) status!: string;
  @ApiProperty() effectiveFrom!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) effectiveTo!: string | null;
  @ApiPropertyOptional({ type: [String], nullable: true, description: 'district codes; null = everywhere' })
  regionScope!: string[] | null;
  @ApiProperty() source!: string;
  @ApiProperty({
    type: Object,
    description: 'as stored: factor references appear as {"$factor": "kind/region/year"}',
  })
  params!: unknown;
  @ApiPropertyOptional({ type: Object, description: 'with factor references resolved' })
  resolvedParams?: unknown;
  @ApiPropertyOptional({ type: String, nullable: true }) publishedAt!: string | null;
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
  @ApiPropertyOptional({ type: Object }) details?: unknown;
  @ApiPropertyOptional({ type: [Object] }) trace?: unknown[];
  @ApiProperty({ description: 'the version the input was quantified with' }) version!: number;
}
