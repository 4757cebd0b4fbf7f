import { organisationSettlementPosting } from './organisation-posting.js';

const settlement = {
  actionId: 'a1',
  organisationId: 'o1',
  region: '370811',
  grams: 636_100n,
  points: 636_100n,
  methodologyId: 'rooftop-pv',
  methodologyVersion: 1,
};

const lines = (p: ReturnType<typeof organisationSettlementPosting>) =>
  p.lines.map((l) => [l.account.kind, l.account.owner, l.account.asset, l.amount]);

describe('organisation settlement posting', () => {
  it("credits the organisation's record and the region's pool, and issues no points by default", () => {
    const posting = organisationSettlementPosting({ ...settlement, earnsPoints: false });
    expect(posting.idempotencyKey).toBe('action/a1/settle');
    expect(posting.reason).toBe('ACTION_SETTLED');
    expect(lines(posting)).toEqual([
      ['organisation_carbon', 'o1', 'CO2E_G', 636_100n],
      ['reduction_pool', '370811', 'CO2E_G', -636_100n],
    ]);
    expect(posting.details).toMatchObject({ organisation: 'o1', grams: '636100', points: '0' });
  });

  it("issues points to the organisation's own points record, never a citizen's, when the program credits them", () => {
    const posting = organisationSettlementPosting({ ...settlement, earnsPoints: true });
    expect(lines(posting)).toEqual([
      ['organisation_carbon', 'o1', 'CO2E_G', 636_100n],
      ['reduction_pool', '370811', 'CO2E_G', -636_100n],
      ['organisation_points', 'o1', 'POINTS', 636_100n],
      ['points_issuance', 'program', 'POINTS', -636_100n],
    ]);
  });

  it('posts only the difference over a settled report it replaces, balanced per asset', () => {
    const posting = organisationSettlementPosting({
      ...settlement,
      earnsPoints: false,
      supersedes: [{ actionId: 'a0', grams: 600_000n, points: 0n }],
    });
    expect(lines(posting)).toEqual([
      ['organisation_carbon', 'o1', 'CO2E_G', 36_100n],
      ['reduction_pool', '370811', 'CO2E_G', -36_100n],
    ]);
    expect(posting.details).toMatchObject({ supersedes: ['a0'], netGrams: '36100', netPoints: '0' });
  });

  it('writes no line for nothing', () => {
    expect(
      organisationSettlementPosting({ ...settlement, grams: 0n, points: 0n, earnsPoints: true }).lines,
    ).toEqual([]);
  });
});
