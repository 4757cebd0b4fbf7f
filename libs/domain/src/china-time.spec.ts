import {
  cstDate,
  cstDayBounds,
  cstDayStart,
  cstInstant,
  cstMonth,
  cstMonthBounds,
  cstYear,
  cstYearBounds,
} from './china-time.js';

const iso = (range: { from: Date; to: Date }) => [range.from.toISOString(), range.to.toISOString()];

describe('China Standard Time → instants', () => {
  it('bounds a month from 00:00 CST on its 1st (16:00 UTC the day before) to the next 1st', () => {
    expect(iso(cstMonthBounds('2026-12'))).toEqual(['2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
    expect(iso(cstMonthBounds('2026-02'))).toEqual(['2026-01-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z']);
  });

  it('bounds a day and a year in CST', () => {
    expect(iso(cstDayBounds('2026-12-01'))).toEqual(['2026-11-30T16:00:00.000Z', '2026-12-01T16:00:00.000Z']);
    expect(cstDayStart('2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(iso(cstYearBounds(2026))).toEqual(['2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
  });

  it.each([
    ['2026-11-30T15:59:59.999Z', '2026-11-30', '2026-11', 2026],
    ['2026-11-30T16:00:00.000Z', '2026-12-01', '2026-12', 2026], // 00:00 CST on the 1st
    ['2026-12-01T07:59:00.000Z', '2026-12-01', '2026-12', 2026], // 15:59 CST
    ['2026-12-31T16:00:00.000Z', '2027-01-01', '2027-01', 2027],
  ])('%s is the CST date %s, month %s, year %s', (at, date, month, year) => {
    expect(cstDate(new Date(at))).toBe(date);
    expect(cstMonth(new Date(at))).toBe(month);
    expect(cstYear(new Date(at))).toBe(year);
  });

  it('every instant of a month lies within its bounds, and no other', () => {
    const { from, to } = cstMonthBounds('2026-12');
    for (const at of [from, new Date(to.getTime() - 1)]) expect(cstMonth(at)).toBe('2026-12');
    expect(cstMonth(new Date(from.getTime() - 1))).toBe('2026-11');
    expect(cstMonth(to)).toBe('2027-01');
  });

  it('refuses impossible dates rather than rolling them over', () => {
    expect(() => cstDayStart('2026-02-30')).toThrow(RangeError);
    expect(() => cstMonthBounds('2026-13')).toThrow(RangeError);
  });

  it.each([
    ['2026-06-15', '2026-06-14T16:00:00.000Z'],
    ['2026-06-15T08:30', '2026-06-15T00:30:00.000Z'],
    ['2026-06-15T08:30:00.5', '2026-06-15T00:30:00.500Z'],
    ['2026-06-15T00:00:00+08:00', '2026-06-14T16:00:00.000Z'],
    ['2026-06-15T00:00:00Z', '2026-06-15T00:00:00.000Z'],
    ['2026-06-15T00:00:00-0500', '2026-06-15T05:00:00.000Z'],
  ])('reads %s as %s (no offset: CST)', (text, instant) => {
    expect(cstInstant(text)?.toISOString()).toBe(instant);
  });

  it.each(['2026-02-30', '2026-W24', '20260615', '2026-06-15T25:00', '2026-06-15 08:00', ''])(
    'finds no instant in %j',
    (text) => expect(cstInstant(text)).toBeUndefined(),
  );
});
