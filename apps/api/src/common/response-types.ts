import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Property options shared by response DTOs: amounts are 64-bit integers sent as decimal strings. */
export const amount = (description: string, example = '169') => ({
  type: String,
  pattern: '^-?\\d+$',
  description: `${description} (string: 64-bit integer)`,
  example,
});

export const instant = (description?: string) => ({
  type: String,
  format: 'date-time',
  ...(description ? { description } : {}),
});

export const nullableInstant = (description?: string) => ({ ...instant(description), nullable: true });

/** The cap that reduced a credit; null (listed, as OpenAPI 3.0 wants for a nullable enum) when none did. */
export const CAP_KINDS = [
  'perAction',
  'perDay',
  'perMonth',
  'selfReportedPerDay',
  null,
] as unknown as string[];

/** One step of a methodology's calculation, as stored with the action (the audit trail). */
export class TraceStepDto {
  @ApiProperty({ example: 'factor' }) step!: string;
  @ApiProperty({ example: '33.88' }) value!: string;
  @ApiPropertyOptional({ example: 'g/km' }) unit?: string;
  @ApiPropertyOptional({ description: 'where the figure comes from' }) source?: string;
  @ApiPropertyOptional() note?: string;
}
