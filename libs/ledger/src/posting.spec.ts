import { DomainError } from '@app/domain';
import { accountOf, actionSettlementPosting, assertBalanced, type Posting } from './posting.js';

const base = { idempotencyKey: 'k', causeType: 'action', causeId: 'a1', reason: 'TEST' } as const;

describe('posting rules', () => {
  it('builds a settlement that balances per asset', () => {
    const posting = actionSettlementPosting({
      actionId: 'a1',
      citizenId: 'c1',
      region: '370102',
      grams: 169n,
      points: 169n,
      methodologyId: 'cycling',
      methodologyVersion: 1,
    });
    expect(posting.idempotencyKey).toBe('action/a1/settle');
    expect(posting.lines.map((l) => [l.account.kind, l.account.owner, l.amount])).toEqual([
      ['citizen_carbon', 'c1', 169n],
      ['reduction_pool', '370102', -169n],
      ['citizen_points', 'c1', 169n],
      ['points_issuance', 'program', -169n],
    ]);
  });

  it('leaves out zero amounts', () => {
    const posting = actionSettlementPosting({
      actionId: 'a2',
      citizenId: 'c1',
      region: '370102',
      grams: 10n,
      points: 0n,
      methodologyId: 'cycling',
      methodologyVersion: 1,
    });
    expect(posting.lines).toHaveLength(2);
  });

  it('posts only the difference when it supersedes a settled report of the same event', () => {
    const base = {
      actionId: 'b',
      citizenId: 'c1',
      region: '370102',
      methodologyId: 'cycling',
      methodologyVersion: 1,
    };
    const up = actionSettlementPosting({
      ...base,
      grams: 176n,
      points: 176n,
      supersedes: [{ actionId: 'a', grams: 169n, points: 169n }],
    });
    expect(up.lines.map((l) => l.amount)).toEqual([7n, -7n, 7n, -7n]);
    expect(up.details).toMatchObject({ supersedes: ['a'], netGrams: '7', netPoints: '7' });

    const down = actionSettlementPosting({
      ...base,
      grams: 100n,
      points: 100n,
      supersedes: [{ actionId: 'a', grams: 169n, points: 169n }],
    });
    expect(down.lines.map((l) => l.amount)).toEqual([-69n, 69n, -69n, 69n]);

    // The citizen spent all but 20 of the 69 points to give back: only 20 are taken back.
    const spent = actionSettlementPosting({
      ...base,
      grams: 100n,
      points: 100n,
      supersedes: [{ actionId: 'a', grams: 169n, points: 169n }],
      pointsShortfall: 49n,
    });
    expect(spent.lines.map((l) => [l.account.kind, l.amount])).toEqual([
      ['citizen_carbon', -69n],
      ['reduction_pool', 69n],
      ['citizen_points', -20n],
      ['points_issuance', 20n],
    ]);
  });

  it('rejects a posting that does not sum to zero', () => {
    const posting: Posting = {
      ...base,
      lines: [
        { account: accountOf.citizenPoints('c1'), amount: 100n },
        { account: accountOf.pointsIssuance(), amount: -99n },
      ],
    };
    expect(() => assertBalanced(posting)).toThrow(DomainError);
    expect(() => assertBalanced(posting)).toThrow('POINTS is off by 1');
  });

  it('rejects a posting balanced in total but not per asset', () => {
    const posting: Posting = {
      ...base,
      lines: [
        { account: accountOf.citizenPoints('c1'), amount: 100n },
        { account: accountOf.reductionPool('370102'), amount: -100n },
      ],
    };
    expect(() => assertBalanced(posting)).toThrow('off by');
  });

  it('rejects zero lines', () => {
    const posting: Posting = { ...base, lines: [{ account: accountOf.citizenPoints('c1'), amount: 0n }] };
    expect(() => assertBalanced(posting)).toThrow('a line of zero');
  });
});
