import type { ErrorCode } from '@app/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { statusForCode } from './error-status.js';

/** Every error answer: `{ code, message, details }` (apps/api/src/common/api-exception.filter.ts). */
export class ApiErrorDto {
  @ApiProperty({
    description: 'stable, machine-readable; the codes an answer can carry are listed in its description',
    example: 'VALIDATION_FAILED',
  })
  code!: string;

  @ApiProperty({
    description: 'for developers, in English; people see the Chinese sentence for the code',
    example: 'limit must not be greater than 100',
  })
  message!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'for machines: the failed constraints, the current status, the limit reached …',
  })
  details?: Record<string, unknown>;
}

export const ERROR_CODES_PREFIX = 'Error codes: ';

/** The description of an error answer that can carry these codes. */
export const errorDescription = (codes: Iterable<string>) => `${ERROR_CODES_PREFIX}${[...codes].join(', ')}.`;

/**
 * Documents the errors a route can answer with, beyond the ones every route of its kind shares
 * (validation, authentication, rate limits: added to the whole document by openapi-conventions.ts):
 * one response per HTTP status, with ApiErrorDto and the codes listed in its description.
 */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes)
    byStatus.set(statusForCode(code), [...(byStatus.get(statusForCode(code)) ?? []), code]);
  return applyDecorators(
    ...[...byStatus].map(([status, grouped]) =>
      ApiResponse({ status, type: ApiErrorDto, description: errorDescription(grouped) }),
    ),
  );
}
