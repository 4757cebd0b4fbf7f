import { UsageLedger } from './usage-ledger.js';

describe('UsageLedger', () => {
  const citizen = 'c1';
  const credit = (usage: UsageLedger, day: string, grams: bigint, id: string, self = false) =>
    usage.add(citizen, 'cycling', day, self, grams, [id]);

  it('records what a day cap is cut from: the CST day, its limit, the grams and the actions', () => {
    const usage = new UsageLedger();
    credit(usage, '2026-11-01', 677n, 'a');
    credit(usage, '2026-11-01', 677n, 'b', true);
    credit(usage, '2026-10-31', 677n, 'yesterday');
    expect(usage.get(citizen, 'cycling', '2026-11-01')).toEqual({ day: 1354n, selfDay: 677n, month: 1354n });
    expect(usage.record(citizen, 'cycling', '2026-11-01', 'perDay', 1500)).toEqual({
      cap: 'perDay',
      period: '2026-11-01',
      from: '2026-10-31T16:00:00.000Z',
      to: '2026-11-01T16:00:00.000Z',
      limitGrams: '1500',
      creditedGrams: '1354',
      actionIds: ['a', 'b'],
    });
    expect(usage.record(citizen, 'cycling', '2026-11-01', 'selfReportedPerDay', 700)).toMatchObject({
      creditedGrams: '677',
      actionIds: ['b'],
    });
    expect(usage.record(citizen, 'cycling', '2026-11-01', 'perAction', 500)).toBeNull();
  });

  it('takes a replaced action back out, and leaves out actions credited nothing', () => {
    const usage = new UsageLedger();
    credit(usage, '2026-11-01', 72_000n, 'first');
    credit(usage, '2026-11-20', 0n, 'capped-to-nothing');
    credit(usage, '2026-11-20', 36_000n, 'replaced');
    credit(usage, '2026-11-20', -36_000n, 'replaced');
    expect(usage.record(citizen, 'cycling', '2026-11-20', 'perMonth', 108_000)).toEqual({
      cap: 'perMonth',
      period: '2026-11',
      from: '2026-10-31T16:00:00.000Z',
      to: '2026-11-30T16:00:00.000Z',
      limitGrams: '108000',
      creditedGrams: '72000',
      actionIds: ['first'],
    });
  });
});
