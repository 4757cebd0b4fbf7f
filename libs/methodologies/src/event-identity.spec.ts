import {
  claimSubject,
  eventIdentity,
  periodFingerprint,
  periodsMeet,
  type EventIdentity,
} from './event-identity.js';

/** One event: one subject, and periods (if both have them) sharing a day — as the worker matches claims. */
const sameEvent = (a: EventIdentity, b: EventIdentity) => a.subject === b.subject && periodsMeet(a, b);

describe('event identity', () => {
  const pv = (from: string, to: string) => eventIdentity(periodFingerprint('rooftop-pv', 'INV-1', from, to));

  it('reads a metered period as a device and its inclusive dates', () => {
    expect(pv('2026-01-01', '2026-01-31')).toEqual({
      subject: 'rooftop-pv/INV-1',
      period: { from: '2026-01-01', to: '2026-01-31' },
    });
    expect(eventIdentity('clothes-recycling/R-2026-0042')).toEqual({
      subject: 'clothes-recycling/R-2026-0042',
    });
    expect(eventIdentity('efficient-ac/AC:77/2026')).toEqual({ subject: 'efficient-ac/AC:77/2026' });
  });

  it('treats periods of one device that share a day as one event', () => {
    const january = pv('2026-01-01', '2026-01-31');
    expect(sameEvent(january, pv('2026-01-01', '2026-01-31'))).toBe(true);
    expect(sameEvent(january, pv('2026-01-15', '2026-02-14'))).toBe(true);
    expect(sameEvent(january, pv('2025-12-01', '2026-01-01'))).toBe(true);
    expect(sameEvent(january, pv('2025-12-01', '2026-03-01'))).toBe(true);
    expect(sameEvent(january, pv('2026-02-01', '2026-02-28'))).toBe(false);
    expect(sameEvent(january, pv('2025-12-01', '2025-12-31'))).toBe(false);
    expect(
      sameEvent(january, eventIdentity(periodFingerprint('rooftop-pv', 'INV-2', '2026-01-01', '2026-01-31'))),
    ).toBe(false);
  });

  it('keys device claims by the device alone and other claims within the citizen', () => {
    const fingerprint = periodFingerprint('rooftop-pv', 'INV-1', '2026-01-01', '2026-01-31');
    expect(claimSubject(fingerprint, 'everyone', 'c-1')).toBe('rooftop-pv/INV-1');
    expect(claimSubject('walking/2026-01-05', 'citizen', 'c-1')).toBe('c-1:walking/2026-01-05');
    expect(claimSubject('walking/2026-01-05', 'citizen', 'c-2')).not.toBe(
      claimSubject('walking/2026-01-05', 'citizen', 'c-1'),
    );
  });

  it('matches other events only when their fingerprints are equal', () => {
    const receipt = eventIdentity('clothes-recycling/R-1');
    expect(sameEvent(receipt, eventIdentity('clothes-recycling/R-1'))).toBe(true);
    expect(sameEvent(receipt, eventIdentity('clothes-recycling/R-10'))).toBe(false);
  });
});
