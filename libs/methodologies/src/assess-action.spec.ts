import { z } from 'zod';
import { cyclingParamsV1 } from '../../../seeds/methodologies/cycling.v1.js';
import { assessAction, assessWithVersion, issuesOf, paramsOf } from './assess.js';
import { cycling } from './cycling/cycling.methodology.js';
import type { EmissionFactor } from './factor-refs.js';
import type { ParameterVersion } from './version-selection.js';

const factors = new Map<string, EmissionFactor>();
const v1: ParameterVersion = {
  id: 'cyc-1',
  methodologyId: 'cycling',
  version: 1,
  moduleVersion: 1,
  status: 'published',
  effectiveFrom: new Date('2024-01-01T00:00:00+08:00'),
  effectiveTo: null,
  regionScope: null,
  params: cyclingParamsV1,
};
const context = { versions: [v1], factors };
// 5 km by bike in 20 min (15 km/h): 5 × 33.88 g/km = 169.4 g → 169 g.
const ride = {
  mode: 'bike',
  distanceM: 5000,
  startedAt: '2026-05-01T08:00:00+08:00',
  endedAt: '2026-05-01T08:20:00+08:00',
};

describe('assessAction', () => {
  it('quantifies with the version in force, and carries its policy, instant and interval', () => {
    const assessment = assessAction(context, 'cycling', ride, '370102');
    expect(assessment).toEqual({
      kind: 'quantified',
      grams: 169n,
      trace: expect.any(Array),
      version: v1,
      policy: { caps: cyclingParamsV1.caps, selfReported: cyclingParamsV1.selfReported },
      occurredAt: new Date('2026-05-01T00:00:00Z'),
      interval: { start: new Date('2026-05-01T00:00:00Z'), end: new Date('2026-05-01T00:20:00Z') },
      fingerprint: null,
      fingerprintScope: 'citizen',
    });
  });

  it('says which methodologies exist when the id is unknown', () => {
    const assessment = assessAction(context, 'teleport', ride, '370102');
    expect(assessment.kind).toBe('unknown-methodology');
    const known = (assessment as { known: string[] }).known;
    expect(known).toContain('cycling');
    expect(known).toEqual([...known].sort());
    expect(new Set(known).size).toBe(known.length);
  });

  it('knows only the methodologies present in the database when told which', () => {
    const available = { ...context, availableIds: new Set(['walking', 'cycling']) };
    expect(assessAction(available, 'bus', ride, '370102')).toEqual({
      kind: 'unknown-methodology',
      known: ['cycling', 'walking'],
    });
    expect(assessAction(available, 'cycling', ride, '370102').kind).toBe('quantified');
  });

  it('lists the problems of invalid data, field by field under data.', () => {
    const assessment = assessAction(context, 'cycling', { ...ride, distanceM: -1 }, '370102');
    expect(assessment).toMatchObject({ kind: 'invalid-input', issues: [{ field: 'data.distanceM' }] });
  });

  it('is not in force before the first version', () => {
    const early = { ...ride, startedAt: '2023-05-01T08:00:00+08:00', endedAt: '2023-05-01T08:20:00+08:00' };
    expect(assessAction(context, 'cycling', early, '370102')).toEqual({
      kind: 'not-in-force',
      occurredAt: new Date('2023-05-01T00:00:00Z'),
    });
  });

  it('passes on the methodology’s rejection with the version it was judged by', () => {
    const assessment = assessAction(context, 'cycling', { ...ride, distanceM: 499 }, '370102');
    expect(assessment).toMatchObject({
      kind: 'rejected',
      reason: 'DISTANCE_TOO_SHORT',
      message: expect.any(String),
      version: v1,
      occurredAt: new Date('2026-05-01T00:00:00Z'),
    });
  });
});

describe('assessWithVersion', () => {
  it('refuses a version whose module does not exist', () => {
    expect(() => assessWithVersion({ ...v1, id: 'v9', moduleVersion: 9 }, ride, factors)).toThrow(
      new Error('no module cycling@9 for parameter version v9'),
    );
  });

  it('judges by the version given, whatever is in force', () => {
    const draft: ParameterVersion = { ...v1, id: 'cyc-draft', status: 'draft' };
    expect(assessWithVersion(draft, ride, factors)).toMatchObject({
      kind: 'quantified',
      grams: 169n,
      version: draft,
    });
  });
});

describe('paramsOf', () => {
  it('parses a published version once, and a draft every time', () => {
    const published = { ...v1, id: 'cyc-cache-test' };
    expect(paramsOf(cycling, published, factors)).toBe(paramsOf(cycling, published, factors));
    const draft: ParameterVersion = { ...v1, id: 'cyc-draft-test', status: 'draft' };
    const first = paramsOf(cycling, draft, factors);
    expect(paramsOf(cycling, draft, factors)).not.toBe(first);
    expect(paramsOf(cycling, draft, factors)).toEqual(first);
  });

  it('keeps parsed sets apart per version id', () => {
    const a = { ...v1, id: 'cyc-a' };
    const b: ParameterVersion = {
      ...v1,
      id: 'cyc-b',
      params: { ...cyclingParamsV1, caps: { perActionG: 1, perDayG: null, perMonthG: null } },
    };
    expect(paramsOf(cycling, a, factors).caps.perActionG).toBeNull();
    expect(paramsOf(cycling, b, factors).caps.perActionG).toBe(1);
  });
});

describe('issuesOf', () => {
  const schema = z.object({
    a: z.object({ b: z.number() }),
    c: z.string().superRefine((_, ctx) => {
      ctx.addIssue({ code: 'custom', message: 'not this one', params: { reason: 'END_BEFORE_START' } });
    }),
    d: z.string().superRefine((_, ctx) => {
      // Not an ErrorCode: an issue never carries a reason clients could not branch on.
      ctx.addIssue({ code: 'custom', message: 'nor this', params: { reason: 'C_REFUSED' } });
    }),
  });

  it('names each field by its path under the prefix, with a reason when the check gives one', () => {
    const result = schema.safeParse({ a: { b: 'x' }, c: 'y', d: 'z' });
    expect(result.success).toBe(false);
    if (result.success) return;
    const issues = issuesOf(result.error, 'data');
    expect(issues).toHaveLength(3);
    expect(issues[0]).toEqual({ field: 'data.a.b', problem: expect.any(String) });
    expect(issues[1]).toEqual({ field: 'data.c', problem: 'not this one', reason: 'END_BEFORE_START' });
    expect(issues[2]).toEqual({ field: 'data.d', problem: 'nor this' });
    expect(issuesOf(result.error).map((i) => i.field)).toEqual(['a.b', 'c', 'd']);
  });

  it('names the whole input by the prefix alone, or by nothing', () => {
    const result = z.number().safeParse('x');
    if (result.success) throw new Error('parsed');
    expect(issuesOf(result.error, 'data')[0].field).toBe('data');
    expect(issuesOf(result.error)[0].field).toBe('');
  });
});
