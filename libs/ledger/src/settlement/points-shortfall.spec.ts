import { actionSettlementPosting } from '../posting.js';
import { pointsDifference, pointsShortfall, settlementShortfalls } from './points-shortfall.js';

const replaced = (...points: bigint[]) =>
  points.map((p, i) => ({ actionId: `old-${i}`, grams: p, points: p }));

describe('points shortfall of a settlement that replaces settled reports', () => {
  it.each([
    // [difference, balance, shortfall]
    ['a credit never falls short', 40n, 0n, 0n],
    ['no difference never falls short', 0n, 0n, 0n],
    ['a give-back the balance covers', -30n, 100n, 0n],
    ['a give-back exactly the balance', -30n, 30n, 0n],
    ['a give-back one point above the balance', -31n, 30n, 1n],
    ['a give-back partly covered', -80n, 30n, 50n],
    ['a give-back with nothing left to give', -80n, 0n, 80n],
  ])('%s: difference %p, balance %p → shortfall %p', (_name, difference, balance, shortfall) => {
    expect(pointsShortfall(difference, balance)).toBe(shortfall);
  });

  it('takes the difference against every replaced report', () => {
    expect(pointsDifference({ points: 100n, supersedes: replaced(30n, 50n) })).toBe(20n);
    expect(pointsDifference({ points: 10n, supersedes: replaced(30n, 50n) })).toBe(-70n);
    expect(pointsDifference({ points: 10n })).toBe(10n);
  });

  it('walks a batch in order, each settlement seeing the balance the earlier ones left', () => {
    const balances = new Map([
      ['alice', 50n],
      ['bob', 500n],
    ]);
    const shortfalls = settlementShortfalls(
      [
        { citizenId: 'alice', points: 10n, supersedes: replaced(40n) }, // gives back 30 of 50 → 20 left
        { citizenId: 'alice', points: 100n }, // replaces nothing: no shortfall, not counted in the balance
        { citizenId: 'alice', points: 0n, supersedes: replaced(50n) }, // gives back 50 of 20 → 30 short, 0 left
        { citizenId: 'alice', points: 5n, supersedes: replaced(10n) }, // gives back 5 of 0 → 5 short
        { citizenId: 'bob', points: 0n, supersedes: replaced(300n) }, // covered
        { citizenId: 'carol', points: 0n, supersedes: replaced(7n) }, // no account: all short
        { citizenId: 'carol', points: 20n, supersedes: replaced(7n) }, // a credit
        { citizenId: 'carol', points: 0n, supersedes: replaced(15n) }, // the credit of 13 covers 13 of 15
      ],
      balances,
    );
    expect(shortfalls).toEqual([0n, 0n, 30n, 5n, 0n, 7n, 0n, 2n]);
    // The caller's balances are left as they were.
    expect(balances).toEqual(
      new Map([
        ['alice', 50n],
        ['bob', 500n],
      ]),
    );
  });

  it('records the shortfall on the posting, so the citizen gives back only what they have', () => {
    const [shortfall] = settlementShortfalls(
      [{ citizenId: 'c1', points: 10n, supersedes: replaced(100n) }],
      new Map([['c1', 25n]]),
    );
    expect(shortfall).toBe(65n);
    const posting = actionSettlementPosting({
      actionId: 'a1',
      citizenId: 'c1',
      region: '420100',
      grams: 10n,
      points: 10n,
      methodologyId: 'cycling',
      methodologyVersion: 1,
      supersedes: [{ actionId: 'old', grams: 100n, points: 100n }],
      pointsShortfall: shortfall,
    });
    const pointsLine = posting.lines.find((l) => l.account.kind === 'citizen_points');
    expect(pointsLine?.amount).toBe(-25n);
    expect(posting.details).toMatchObject({ pointsShortfall: '65' });
  });
});
