import { badgeRule, BADGE_RULES, earnedBadges, type BadgeRule } from './badges.js';
import { isCalendarDate, longestStreak } from './calendar.js';

describe('isCalendarDate', () => {
  it.each([
    ['2026-03-01', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-3-01', false],
    ['2026-03-1', false],
    ['26-03-01', false],
    ['x2026-03-01', false],
    ['2026-03-01x', false],
    ['abcd-ef-gh', false],
  ])('%s: %s', (text, ok) => {
    expect(isCalendarDate(text)).toBe(ok);
  });
});

describe('longestStreak', () => {
  it('ends at the first run of the greatest length, whatever order and repeats the dates come in', () => {
    expect(longestStreak(['2026-03-05', '2026-03-01', '2026-03-02', '2026-03-06', '2026-03-02'])).toEqual({
      days: 2,
      endsOn: '2026-03-02',
    });
    expect(longestStreak(['2026-03-02', '2026-03-01', '2026-03-03'])).toEqual({
      days: 3,
      endsOn: '2026-03-03',
    });
    expect(longestStreak([])).toEqual({ days: 0, endsOn: null });
  });
});

describe('badges', () => {
  it('finds a rule by id', () => {
    expect(badgeRule(BADGE_RULES[1].id)).toBe(BADGE_RULES[1]);
    expect(badgeRule('no-such-badge')).toBeUndefined();
  });

  it('keeps the evidence that earned a count or grams badge', () => {
    const text = { title: 't', description: 'd' };
    const rules: BadgeRule[] = [
      { id: 'c', ...text, kind: 'count', methodologies: ['bus'], count: 2 },
      { id: 'g', ...text, kind: 'total-grams', grams: 100n },
    ];
    const earned = earnedBadges(
      { days: [{ date: '2026-03-01', methodology: 'bus', actions: 3 }], totalGrams: 150n },
      rules,
    );
    expect(earned).toEqual([
      { badgeId: 'c', evidence: { actions: 3 } },
      { badgeId: 'g', evidence: { grams: '150' } },
    ]);
  });
});
