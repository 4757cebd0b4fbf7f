import { isCalendarDate } from '@app/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  buildMessage,
} from 'class-validator';

const DECIMAL_INTEGER = /^-?\d{1,15}$/;

/**
 * An integer taken from a query string, where every value is text: only plain decimal digits convert
 * ("   ", "1e3", "0x10" and "true" stay text and fail IsInt). JSON bodies carry numbers as numbers, so
 * body fields use IsInt alone, never a conversion.
 */
export function QueryInt(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && DECIMAL_INTEGER.test(value) ? Number(value) : value,
    ),
    IsInt(),
  );
}

/** The page size of a list route's query: an optional integer from 1 to 100, 20 when absent. */
export function PageLimit(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }),
    IsOptional(),
    QueryInt(),
    Min(1),
    Max(100),
  );
}

/** Free text a person reads (a purpose, a name, a title): a string of min–max characters, not blank. */
export function FreeText(min: number, max: number): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Length(min, max),
    Matches(/\S/, { message: ({ property }) => `${property} must not be blank` }),
  );
}

/** A calendar day, YYYY-MM-DD, that exists (2026-02-30 does not). */
export function IsCalendarDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
      defaultMessage: buildMessage((each) => `${each}$property must be a real day, YYYY-MM-DD`),
    },
  });
}

const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

/** True for an ISO-8601 calendar date-time that exists and that JavaScript and PostgreSQL both read. */
export function isInstant(value: unknown): boolean {
  return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * An instant in ISO-8601 extended form (2026-11-20T08:00:00+08:00): strict (2026-02-30 and 24:00 are
 * refused), and only the forms both JavaScript and PostgreSQL read (no week dates, ordinals or ±years).
 */
export function IsInstant(): PropertyDecorator {
  return applyDecorators(
    IsISO8601({ strict: true }),
    ValidateBy({
      name: 'isInstant',
      validator: {
        validate: isInstant,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an ISO-8601 date-time such as 2026-11-20T08:00:00+08:00`,
        ),
      },
    }),
  );
}
