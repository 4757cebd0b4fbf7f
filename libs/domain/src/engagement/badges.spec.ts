import { earnedBadges, type BadgeFacts } from './badges.js';
import { equivalentsOf } from './equivalents.js';

const trips = (dates: string[], methodology = 'cycling') =>
  dates.map((date) => ({ methodology, date, actions: 1 }));
const week = [
  '2026-11-14',
  '2026-11-15',
  '2026-11-16',
  '2026-11-17',
  '2026-11-18',
  '2026-11-19',
  '2026-11-20',
];

describe('badge rules', () => {
  it.each<[string, BadgeFacts, string[]]>([
    ['nothing yet', { days: [], totalGrams: 0n }, []],
    ['six days in a row', { days: trips(week.slice(1)), totalGrams: 1_000n }, []],
    [
      'seven days in a row of mixed green trips',
      { days: [...trips(week.slice(0, 4)), ...trips(week.slice(4), 'bus')], totalGrams: 1_000n },
      ['green-trips-7-days'],
    ],
    [
      'seven days with a gap',
      { days: trips([...week.slice(0, 3), '2026-11-18', ...week.slice(5), '2026-11-21']), totalGrams: 0n },
      [],
    ],
    ['seven days of something that is not a trip', { days: trips(week, 'rooftop-pv'), totalGrams: 0n }, []],
    [
      'a first clothes drop-off',
      { days: trips(['2026-11-20'], 'clothes-recycling'), totalGrams: 3_600n },
      ['first-clothes-drop-off'],
    ],
    ['99,999 g', { days: [], totalGrams: 99_999n }, []],
    ['100 kg', { days: [], totalGrams: 100_000n }, ['reduced-100-kg']],
  ])('%s', (_name, facts, expected) => {
    expect(earnedBadges(facts).map((b) => b.badgeId)).toEqual(expected);
  });

  it('records the streak that earned a badge', () => {
    expect(earnedBadges({ days: trips(week), totalGrams: 0n })[0]).toEqual({
      badgeId: 'green-trips-7-days',
      evidence: { days: 7, endsOn: '2026-11-20' },
    });
  });
});

describe('equivalents', () => {
  it('rounds down and cites each factor', () => {
    const byId = Object.fromEntries(equivalentsOf(100_000n).map((e) => [e.id, e]));
    expect(byId['tree-years'].amount).toBe('5');
    expect(byId['car-km'].amount).toBe('546');
    expect(byId['grid-kwh'].amount).toBe('186');
    for (const e of Object.values(byId)) expect(e.source).toMatch(/^\[(P|D)\]/);
  });
});
