import {
  asOfFromPosition,
  decide,
  probeIsCurrent,
  replicaFailure,
  type ReplicaProbe,
} from './read-choice.js';

const at = Date.parse('2026-12-02T10:00:00Z');
const standbyNow = new Date('2026-12-02T10:00:00.050Z');

describe('the read replica decision', () => {
  it('dates a caught-up standby at the start of the probe, a lagging one at its last replayed commit', () => {
    expect(
      asOfFromPosition({ inRecovery: true, caughtUp: true, replayedAt: null, now: standbyNow }, at),
    ).toBe(at);
    const replayedAt = new Date(standbyNow.getTime() - 4_000);
    expect(asOfFromPosition({ inRecovery: true, caughtUp: false, replayedAt, now: standbyNow }, at)).toBe(
      at - 4_000,
    );
    expect(
      asOfFromPosition({ inRecovery: true, caughtUp: false, replayedAt: null, now: standbyNow }, at),
    ).toBeNull();
  });

  it('reads the standby within the maximum lag and the primary beyond it, saying why', () => {
    const probe: ReplicaProbe = { at, state: 'measured', asOfMs: at - 200 };
    expect(decide(probe, at + 100, 1_000)).toEqual({ source: 'replica', asOfMs: at - 200, lagMs: 300 });
    expect(decide(probe, at + 900, 1_000)).toEqual({ source: 'primary', fallback: 'lagging', lagMs: 1_100 });
    expect(decide({ at, state: 'measured', asOfMs: null }, at, 1_000)).toEqual({
      source: 'primary',
      fallback: 'lagging',
      lagMs: null,
    });
    expect(decide({ at, state: 'unavailable' }, at, 1_000)).toEqual({
      source: 'primary',
      fallback: 'unavailable',
      lagMs: null,
    });
    expect(decide({ at, state: 'not-a-standby' }, at, 1_000).source).toBe('primary');
  });

  it('measures again after the check interval, and before ageing alone would declare a fresh standby late', () => {
    const fresh: ReplicaProbe = { at, state: 'measured', asOfMs: at };
    expect(probeIsCurrent(fresh, at + 500, 1_000, 5_000)).toBe(true);
    expect(probeIsCurrent(fresh, at + 1_000, 1_000, 5_000)).toBe(false);
    expect(probeIsCurrent(fresh, at + 600, 1_000, 500)).toBe(false);
    // Already late when measured: reused until the interval ends (no probe per request).
    expect(probeIsCurrent({ at, state: 'measured', asOfMs: at - 9_000 }, at + 600, 1_000, 500)).toBe(true);
    expect(probeIsCurrent({ at, state: 'unavailable' }, at + 999, 1_000, 500)).toBe(true);
  });

  it('retries on the primary only the failures that are the standby’s', () => {
    expect(
      replicaFailure(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:55441'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe('unavailable');
    expect(replicaFailure({ driverError: { code: '57P01', message: 'terminating connection' } })).toBe(
      'unavailable',
    );
    expect(replicaFailure(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(replicaFailure({ driverError: { code: '40001', message: 'conflict with recovery' } })).toBe(
      'recovery-conflict',
    );
    expect(
      replicaFailure({ driverError: { code: '42P01', message: 'relation does not exist' } }),
    ).toBeUndefined();
    expect(replicaFailure(new Error('no such action'))).toBeUndefined();
  });
});
