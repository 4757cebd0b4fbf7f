import { DomainError, ErrorCode } from '@app/domain';
import {
  accountKey,
  accountOf,
  actionSettlementPosting,
  assertBalanced,
  donationPosting,
  expiryPosting,
  holdPosting,
  holdResolutionPosting,
  redemptionPosting,
  refundPosting,
  retirementPosting,
  type Posting,
} from './posting.js';

/** A posting's lines as [kind, owner, asset, amount], the shape DESIGN.md §4 describes them in. */
const lines = (posting: Posting) =>
  posting.lines.map((l) => [l.account.kind, l.account.owner, l.account.asset, l.amount]);

describe('accounts', () => {
  it.each([
    [accountOf.citizenCarbon('c1'), 'citizen_carbon', 'c1', 'CO2E_G'],
    [accountOf.citizenPoints('c1'), 'citizen_points', 'c1', 'POINTS'],
    [accountOf.pointsIssuance(), 'points_issuance', 'program', 'POINTS'],
    [accountOf.reductionPool('370102'), 'reduction_pool', '370102', 'CO2E_G'],
    [accountOf.retiredReductions('370102'), 'retired_reductions', '370102', 'CO2E_G'],
    [accountOf.expiredPoints(), 'expired_points', 'program', 'POINTS'],
    [accountOf.pointsHeld('c1'), 'points_held', 'c1', 'POINTS'],
    [accountOf.partnerClearing('p1'), 'partner_clearing', 'p1', 'POINTS'],
    [accountOf.donations('trees'), 'donations', 'trees', 'POINTS'],
  ])('%o is %s of %s in %s', (ref, kind, owner, asset) => {
    expect(ref).toEqual({ kind, owner, asset });
  });

  it('are keyed kind/owner', () => {
    expect(accountKey(accountOf.citizenPoints('c1'))).toBe('citizen_points/c1');
    expect(accountKey({ kind: 'donations', owner: 'trees' })).toBe('donations/trees');
  });
});

describe('assertBalanced', () => {
  const posting = (l: Posting['lines']): Posting => ({
    idempotencyKey: 'test/1',
    causeType: 'action',
    causeId: 'a1',
    reason: 'TEST',
    lines: l,
  });
  const refusal = (p: Posting): DomainError => {
    try {
      assertBalanced(p);
    } catch (error) {
      return error as DomainError;
    }
    throw new Error('the posting was accepted');
  };

  it('accepts lines that sum to zero per asset', () => {
    expect(() =>
      assertBalanced(
        posting([
          { account: accountOf.citizenCarbon('c1'), amount: 5n },
          { account: accountOf.reductionPool('r'), amount: -5n },
          { account: accountOf.citizenPoints('c1'), amount: 3n },
          { account: accountOf.pointsIssuance(), amount: -1n },
          { account: accountOf.pointsIssuance(), amount: -2n },
        ]),
      ),
    ).not.toThrow();
    expect(() => assertBalanced(posting([]))).not.toThrow();
  });

  it('refuses with LEDGER_UNBALANCED, the key and why', () => {
    const error = refusal(
      posting([
        { account: accountOf.citizenPoints('c1'), amount: 100n },
        { account: accountOf.pointsIssuance(), amount: -99n },
      ]),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(ErrorCode.LedgerUnbalanced);
    expect(error.message).toBe('posting test/1 refused: POINTS is off by 1');
    expect(error.details).toEqual({ idempotencyKey: 'test/1' });
  });

  it('names the asset that is off, and by how much (negative too)', () => {
    expect(
      refusal(
        posting([
          { account: accountOf.citizenCarbon('c1'), amount: 7n },
          { account: accountOf.reductionPool('r'), amount: -9n },
        ]),
      ).message,
    ).toBe('posting test/1 refused: CO2E_G is off by -2');
  });

  it('refuses a line of zero, even in a balanced posting', () => {
    expect(
      refusal(
        posting([
          { account: accountOf.citizenPoints('c1'), amount: 0n },
          { account: accountOf.citizenPoints('c2'), amount: 1n },
          { account: accountOf.pointsIssuance(), amount: -1n },
        ]),
      ).message,
    ).toBe('posting test/1 refused: a line of zero');
  });

  it('refuses one account used with two assets', () => {
    expect(
      refusal(
        posting([
          { account: accountOf.citizenPoints('c1'), amount: 4n },
          { account: { ...accountOf.citizenPoints('c1'), asset: 'CO2E_G' }, amount: -4n },
          { account: accountOf.pointsIssuance(), amount: -4n },
          { account: accountOf.reductionPool('r'), amount: 4n },
        ]),
      ).message,
    ).toBe('posting test/1 refused: account citizen_points/c1 used with two assets');
  });

  it('accepts one account on several lines with its one asset', () => {
    expect(() =>
      assertBalanced(
        posting([
          { account: accountOf.citizenPoints('c1'), amount: 4n },
          { account: accountOf.citizenPoints('c1'), amount: -1n },
          { account: accountOf.pointsIssuance(), amount: -3n },
        ]),
      ),
    ).not.toThrow();
  });
});

describe('action settlement', () => {
  const settlement = {
    actionId: 'a9',
    citizenId: 'c1',
    region: '370102',
    grams: 1200n,
    points: 12n,
    methodologyId: 'metro',
    methodologyVersion: 2,
  };

  it('credits grams against the pool and points against issuance, with what it came from', () => {
    const posting = actionSettlementPosting(settlement);
    expect(posting).toEqual({
      idempotencyKey: 'action/a9/settle',
      causeType: 'action',
      causeId: 'a9',
      reason: 'ACTION_SETTLED',
      details: { methodology: 'metro', methodologyVersion: 2, grams: '1200', points: '12' },
      lines: expect.any(Array),
    });
    expect(lines(posting)).toEqual([
      ['citizen_carbon', 'c1', 'CO2E_G', 1200n],
      ['reduction_pool', '370102', 'CO2E_G', -1200n],
      ['citizen_points', 'c1', 'POINTS', 12n],
      ['points_issuance', 'program', 'POINTS', -12n],
    ]);
  });

  it('writes no line for zero grams or zero points', () => {
    expect(lines(actionSettlementPosting({ ...settlement, grams: 0n }))).toEqual([
      ['citizen_points', 'c1', 'POINTS', 12n],
      ['points_issuance', 'program', 'POINTS', -12n],
    ]);
    expect(lines(actionSettlementPosting({ ...settlement, grams: 0n, points: 0n }))).toEqual([]);
  });

  it('an empty supersedes list is no superseding', () => {
    expect(actionSettlementPosting({ ...settlement, supersedes: [] }).details).toEqual({
      methodology: 'metro',
      methodologyVersion: 2,
      grams: '1200',
      points: '12',
    });
  });

  it('nets several superseded reports: 1200 − (500 + 300) g, 12 − (5 + 3) points', () => {
    const posting = actionSettlementPosting({
      ...settlement,
      supersedes: [
        { actionId: 'x', grams: 500n, points: 5n },
        { actionId: 'y', grams: 300n, points: 3n },
      ],
    });
    expect(lines(posting).map((l) => l[3])).toEqual([400n, -400n, 4n, -4n]);
    expect(posting.details).toEqual({
      methodology: 'metro',
      methodologyVersion: 2,
      grams: '1200',
      points: '12',
      supersedes: ['x', 'y'],
      netGrams: '400',
      netPoints: '4',
    });
  });

  it('a shortfall lessens what is taken back and is recorded: −(15 − 12) + 2 = −1 point', () => {
    const posting = actionSettlementPosting({
      ...settlement,
      supersedes: [{ actionId: 'x', grams: 1500n, points: 15n }],
      pointsShortfall: 2n,
    });
    expect(lines(posting)).toEqual([
      ['citizen_carbon', 'c1', 'CO2E_G', -300n],
      ['reduction_pool', '370102', 'CO2E_G', 300n],
      ['citizen_points', 'c1', 'POINTS', -1n],
      ['points_issuance', 'program', 'POINTS', 1n],
    ]);
    expect(posting.details).toMatchObject({ netGrams: '-300', netPoints: '-1', pointsShortfall: '2' });
  });

  it('a zero shortfall is not recorded', () => {
    const posting = actionSettlementPosting({
      ...settlement,
      supersedes: [{ actionId: 'x', grams: 1500n, points: 15n }],
      pointsShortfall: 0n,
    });
    expect(posting.details).not.toHaveProperty('pointsShortfall');
    expect(posting.details).toMatchObject({ netPoints: '-3' });
  });
});

describe('the other postings', () => {
  it('retirement: pool debited, retired reductions credited', () => {
    const posting = retirementPosting({
      retirementId: 'r1',
      serial: 'SD-2026-0001',
      region: '370100',
      grams: 5000n,
      purpose: 'offset',
    });
    expect(posting).toMatchObject({
      idempotencyKey: 'retirement/r1',
      causeType: 'retirement',
      causeId: 'r1',
      reason: 'REDUCTIONS_RETIRED',
      details: { serial: 'SD-2026-0001', region: '370100', grams: '5000', purpose: 'offset' },
    });
    expect(lines(posting)).toEqual([
      ['reduction_pool', '370100', 'CO2E_G', 5000n],
      ['retired_reductions', '370100', 'CO2E_G', -5000n],
    ]);
  });

  it('expiry: the lot’s points leave the citizen for expired points', () => {
    const posting = expiryPosting({
      lotId: 'l7',
      citizenId: 'c1',
      points: 40n,
      expiresAt: new Date('2027-12-31T16:00:00.000Z'),
    });
    expect(posting).toMatchObject({
      idempotencyKey: 'expiry/lot/l7',
      causeType: 'expiry',
      causeId: 'l7',
      reason: 'POINTS_EXPIRED',
      details: { lot: 'l7', points: '40', expiredAt: '2027-12-31T16:00:00.000Z' },
    });
    expect(lines(posting)).toEqual([
      ['citizen_points', 'c1', 'POINTS', -40n],
      ['expired_points', 'program', 'POINTS', 40n],
    ]);
  });

  it('hold: points move from spendable to held', () => {
    const posting = holdPosting({ holdId: 'h1', citizenId: 'c1', partnerId: 'p1', points: 30n });
    expect(posting).toMatchObject({
      idempotencyKey: 'hold/h1/reserve',
      causeType: 'hold',
      causeId: 'h1',
      reason: 'POINTS_HELD',
      details: { partner: 'p1', points: '30' },
    });
    expect(lines(posting)).toEqual([
      ['citizen_points', 'c1', 'POINTS', -30n],
      ['points_held', 'c1', 'POINTS', 30n],
    ]);
  });

  describe('hold resolution', () => {
    const hold = { holdId: 'h1', citizenId: 'c1', partnerId: 'p1', held: 30n };

    it('a partial confirmation: 18 to the partner, 30 − 18 = 12 back', () => {
      const posting = holdResolutionPosting({ ...hold, confirmed: 18n, outcome: 'confirmed' });
      expect(posting).toMatchObject({
        idempotencyKey: 'hold/h1/resolve',
        causeType: 'hold',
        causeId: 'h1',
        reason: 'HOLD_CONFIRMED',
        details: { partner: 'p1', held: '30', confirmed: '18', released: '12' },
      });
      expect(lines(posting)).toEqual([
        ['points_held', 'c1', 'POINTS', -30n],
        ['partner_clearing', 'p1', 'POINTS', 18n],
        ['citizen_points', 'c1', 'POINTS', 12n],
      ]);
    });

    it('a full confirmation releases nothing', () => {
      const posting = holdResolutionPosting({ ...hold, confirmed: 30n, outcome: 'confirmed' });
      expect(lines(posting)).toEqual([
        ['points_held', 'c1', 'POINTS', -30n],
        ['partner_clearing', 'p1', 'POINTS', 30n],
      ]);
      expect(posting.details).toMatchObject({ released: '0' });
    });

    it.each([
      ['cancelled', 'HOLD_CANCELLED'],
      ['expired', 'HOLD_EXPIRED'],
    ] as const)('%s: everything back, reason %s', (outcome, reason) => {
      const posting = holdResolutionPosting({ ...hold, confirmed: 0n, outcome });
      expect(posting.reason).toBe(reason);
      expect(lines(posting)).toEqual([
        ['points_held', 'c1', 'POINTS', -30n],
        ['citizen_points', 'c1', 'POINTS', 30n],
      ]);
      expect(posting.details).toEqual({ partner: 'p1', held: '30', confirmed: '0', released: '30' });
    });
  });

  it('donation: the citizen’s points go to the target', () => {
    const posting = donationPosting({
      donationId: 'd1',
      citizenId: 'c1',
      target: 'trees',
      points: 25n,
      requestHash: 'abc',
    });
    expect(posting).toMatchObject({
      idempotencyKey: 'donation/d1',
      causeType: 'donation',
      causeId: 'd1',
      reason: 'POINTS_DONATED',
      details: { target: 'trees', points: '25', requestHash: 'abc' },
    });
    expect(lines(posting)).toEqual([
      ['citizen_points', 'c1', 'POINTS', -25n],
      ['donations', 'trees', 'POINTS', 25n],
    ]);
  });

  it('redemption and its refund are mirror images under their own keys', () => {
    const order = { orderId: 'o1', citizenId: 'c1', partnerId: 'p1', points: 60n };
    const redemption = redemptionPosting(order);
    expect(redemption).toMatchObject({
      idempotencyKey: 'order/o1/redeem',
      causeType: 'redemption',
      causeId: 'o1',
      reason: 'POINTS_REDEEMED',
      details: { partner: 'p1', points: '60' },
    });
    expect(lines(redemption)).toEqual([
      ['citizen_points', 'c1', 'POINTS', -60n],
      ['partner_clearing', 'p1', 'POINTS', 60n],
    ]);
    const refund = refundPosting({ ...order, why: 'out of coupons' });
    expect(refund).toMatchObject({
      idempotencyKey: 'order/o1/refund',
      causeType: 'reversal',
      causeId: 'o1',
      reason: 'REDEMPTION_REFUNDED',
      details: { partner: 'p1', points: '60', why: 'out of coupons', reverses: 'order/o1/redeem' },
    });
    expect(lines(refund)).toEqual([
      ['partner_clearing', 'p1', 'POINTS', -60n],
      ['citizen_points', 'c1', 'POINTS', 60n],
    ]);
  });

  it.each([
    [
      'retirement',
      () => retirementPosting({ retirementId: 'r', serial: 's', region: 'x', grams: 0n, purpose: 'p' }),
    ],
    ['expiry', () => expiryPosting({ lotId: 'l', citizenId: 'c', points: 0n, expiresAt: new Date(0) })],
    ['hold', () => holdPosting({ holdId: 'h', citizenId: 'c', partnerId: 'p', points: 0n })],
    [
      'donation',
      () => donationPosting({ donationId: 'd', citizenId: 'c', target: 't', points: 0n, requestHash: 'h' }),
    ],
    ['redemption', () => redemptionPosting({ orderId: 'o', citizenId: 'c', partnerId: 'p', points: 0n })],
    ['refund', () => refundPosting({ orderId: 'o', citizenId: 'c', partnerId: 'p', points: 0n, why: 'w' })],
  ])('a %s of nothing is refused (a line of zero)', (_, build) => {
    expect(build).toThrow('a line of zero');
  });
});
