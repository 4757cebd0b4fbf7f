import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  getSchemaPath,
} from '@nestjs/swagger';

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

/** The `capApplied` of an action: which cap reduced its credit, or null. */
export const capApplied = () =>
  ({
    type: String,
    nullable: true,
    enum: CAP_KINDS,
    description: 'the cap that reduced the credit, if any',
  }) as const;

/** The usage a day or month cap was cut from, recorded by the worker when it applied the cap. */
export class CapUsageDto {
  @ApiProperty({ enum: ['perDay', 'perMonth', 'selfReportedPerDay'] }) cap!: string;
  @ApiProperty({ example: '2026-12-01', description: 'the China-time day (YYYY-MM-DD) or month (YYYY-MM)' })
  period!: string;
  @ApiProperty(instant("the period's first instant (from ≤ occurredAt < to)")) from!: string;
  @ApiProperty(instant('the instant after the period')) to!: string;
  @ApiProperty(amount('the cap in grams')) limitGrams!: string;
  @ApiProperty(amount('grams credited or held for review in the period before this action'))
  creditedGrams!: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'the actions those grams came from' })
  actionIds!: string[];
}

/** One step of a methodology's calculation, as stored with the action (the audit trail). */
export class TraceStepDto {
  @ApiProperty({ example: 'factor' }) step!: string;
  @ApiProperty({ example: '33.88' }) value!: string;
  @ApiPropertyOptional({ example: 'g/km' }) unit?: string;
  @ApiPropertyOptional({ description: 'where the figure comes from' }) source?: string;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional({ type: CapUsageDto, description: 'on a cap step: the usage the cap was cut from' })
  usage?: CapUsageDto;
}

/** A 200 answer that is a list capped at `maxItems` (the route's LIMIT), stated in the schema. */
export const ApiOkList = (type: Type<unknown>, maxItems: number, order: string) =>
  applyDecorators(
    ApiExtraModels(type),
    ApiOkResponse({
      description: `at most ${maxItems.toLocaleString('en-US')}, ${order}`,
      schema: { type: 'array', maxItems, items: { $ref: getSchemaPath(type) } },
    }),
  );
