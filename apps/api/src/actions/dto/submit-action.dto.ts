import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FreeText } from '../../common/field-shapes.js';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { capApplied } from '../../common/response-types.js';

export const EVIDENCE_KINDS = ['photo', 'screenshot', 'receipt', 'gps-track', 'ride-code', 'other'] as const;

export class EvidenceDto {
  @ApiProperty({ enum: EVIDENCE_KINDS })
  @IsIn(EVIDENCE_KINDS)
  kind!: (typeof EVIDENCE_KINDS)[number];

  @ApiProperty({ description: 'Where the evidence is kept (an upload id or URL)', maxLength: 512 })
  @FreeText(1, 512)
  reference!: string;

  @ApiPropertyOptional({ description: 'SHA-256 of the evidence file, hex' })
  @IsOptional()
  @Matches(/^[a-f0-9]{64}$/)
  sha256?: string;
}

const METHODOLOGY_ID = /^[a-z][a-z0-9-]{0,63}$/;

export class SubmitActionDto {
  /**
   * The common valid body, checked without the decorators (see FastShaped): exactly `methodology`
   * and `data`, each as the decorators below accept it. Anything else, evidence included, is left
   * to the decorators.
   */
  static fastShape(value: unknown): SubmitActionDto | undefined {
    if (!isJsonObject(value)) return undefined;
    const keys = Object.keys(value);
    if (keys.length !== 2) return undefined;
    const { methodology, data } = value as Record<string, unknown>;
    if (typeof methodology !== 'string' || !METHODOLOGY_ID.test(methodology)) return undefined;
    if (!isJsonObject(data)) return undefined;
    return Object.assign(new SubmitActionDto(), { methodology, data: copyJson(data) });
  }

  @ApiProperty({ description: 'Methodology id', example: 'cycling' })
  @IsString()
  @Matches(METHODOLOGY_ID)
  methodology!: string;

  @ApiProperty({
    description: "The methodology's input; see the ActionData_<methodology> schemas",
    example: {
      mode: 'bike',
      distanceM: 5000,
      startedAt: '2026-11-20T08:00:00+08:00',
      endedAt: '2026-11-20T08:20:00+08:00',
    },
  })
  @IsObject()
  data!: Record<string, unknown>;

  @ApiPropertyOptional({ type: EvidenceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EvidenceDto)
  evidence?: EvidenceDto;
}

/** An object of a parsed JSON body (the pipe sees nothing else): not null, not an array. */
function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What class-transformer makes of an untyped JSON value: plain objects and arrays copied, the rest kept. */
function copyJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyJson);
  if (!isJsonObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyJson(value[key]);
  return copy;
}

export class ActionAcceptedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'received', enum: ['received', 'quantified', 'settled', 'rejected', 'review'] })
  status!: string;
}

export class ActionViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() methodology!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'parameter version used to quantify' })
  methodologyVersion!: number | null;
  @ApiProperty({ enum: ['received', 'quantified', 'settled', 'rejected', 'review'] }) status!: string;
  @ApiProperty({ type: String, nullable: true, description: 'why it was rejected' }) reasonCode!:
    string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'grams CO2e the methodology computed, before caps (string: 64-bit integer)',
  })
  requestedGrams!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'grams CO2e credited after caps (string: 64-bit integer)',
  })
  grams!: string | null;
  @ApiProperty(capApplied())
  capApplied!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'points credited (string: 64-bit integer)',
  })
  points!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) settledAt!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the methodology input as submitted',
  })
  data!: Record<string, unknown>;
}
