import { z } from 'zod';
import {
  MAX_PERIOD_DAYS,
  calendarDateSchema,
  daysInclusive,
  factorInUnitSchema,
  gridFactorSchema,
  kwSchema,
  meteringPeriodSchema,
  normalizedIdentifier,
  positiveDecimalSchema,
  refineMeteringPeriod,
} from './energy-common.js';
import { factorStep } from './common-params.js';

const period = meteringPeriodSchema.superRefine(refineMeteringPeriod);
const reasons = (value: unknown) => {
  const result = period.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map((i) => [
        i.path.join('.'),
        (i as { params?: { reason?: string } }).params?.reason,
      ]);
};

describe('calendar dates and periods', () => {
  it.each([
    ['2000-01-01', true],
    ['2099-12-31', true],
    ['1999-12-31', false],
    ['2100-01-01', false],
    ['2024-02-29', true],
    ['2026-02-29', false],
  ])('%s is a date of this century: %s', (date, ok) => {
    expect(calendarDateSchema.safeParse(date).success).toBe(ok);
  });

  it('counts days inclusively: a day is 1, a leap year 366', () => {
    expect(daysInclusive('2026-03-01', '2026-03-01')).toBe(1);
    expect(daysInclusive('2026-02-28', '2026-03-01')).toBe(2);
    expect(daysInclusive('2024-01-01', '2024-12-31')).toBe(366);
    expect(daysInclusive('2026-03-02', '2026-03-01')).toBe(0);
  });

  it(`accepts a period of 1 to ${MAX_PERIOD_DAYS} days`, () => {
    expect(MAX_PERIOD_DAYS).toBe(366);
    expect(reasons({ periodStart: '2026-03-01', periodEnd: '2026-03-01' })).toEqual([]);
    expect(reasons({ periodStart: '2024-01-01', periodEnd: '2024-12-31' })).toEqual([]);
  });

  it('refuses an end before the start, and a period longer than a leap year, on periodEnd', () => {
    expect(reasons({ periodStart: '2026-03-02', periodEnd: '2026-03-01' })).toEqual([
      ['periodEnd', 'END_BEFORE_START'],
    ]);
    expect(reasons({ periodStart: '2024-01-01', periodEnd: '2025-01-01' })).toEqual([
      ['periodEnd', 'PERIOD_TOO_LONG'],
    ]);
    const message = period.safeParse({ periodStart: '2024-01-01', periodEnd: '2025-01-01' }).error?.issues[0]
      .message;
    expect(message).toBe('a period may span at most 366 days');
  });

  it('compares no dates when one of them is invalid (the field reports itself)', () => {
    expect(reasons({ periodStart: '2026-02-30', periodEnd: '2026-01-01' })).toEqual([
      ['periodStart', undefined],
    ]);
    expect(reasons({ periodStart: '2026-03-01', periodEnd: '1999-01-01' })).toEqual([
      ['periodEnd', undefined],
    ]);
  });
});

describe('quantities and factors', () => {
  it.each([
    ['10.5', true],
    ['0.001', true],
    ['0', false],
    ['0.000', false],
  ])('kW %s is more than 0: %s', (text, ok) => {
    expect(kwSchema.safeParse(text).success).toBe(ok);
  });

  it.each([
    ['2.8', true],
    ['0.01', true],
    ['0', false],
    ['0.0', false],
    ['-1', false],
    ['abc', false],
  ])('%s is a positive decimal: %s', (text, ok) => {
    expect(positiveDecimalSchema.safeParse(text).success).toBe(ok);
  });

  it('normalises identifiers to upper case', () => {
    expect(normalizedIdentifier('ab-12.x')).toBe('AB-12.X');
  });

  it('holds a factor to the unit its arithmetic needs', () => {
    const factor = { value: '0.5366', unit: 'kgCO2/kWh', source: 'MEE', vintage: 2022 };
    expect(gridFactorSchema.safeParse(factor).success).toBe(true);
    expect(gridFactorSchema.safeParse({ ...factor, unit: 'gCO2/kWh' }).success).toBe(false);
    expect(factorInUnitSchema('t').safeParse({ ...factor, unit: 't' }).success).toBe(true);
    expect(
      z.string().safeParse(factorInUnitSchema('t').safeParse(factor).error?.issues[0].message).data,
    ).toBe('the factor must be in t');
  });

  it('cites a factor in a trace step with its vintage', () => {
    expect(
      factorStep('factor.grid', { value: '0.5366', unit: 'kgCO2/kWh', source: 'MEE', vintage: 2022 }),
    ).toEqual({
      step: 'factor.grid',
      value: '0.5366',
      unit: 'kgCO2/kWh',
      source: 'MEE (2022)',
    });
  });
});
