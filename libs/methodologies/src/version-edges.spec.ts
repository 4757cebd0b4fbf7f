import { selectVersionInForce, type ParameterVersion } from './version-selection.js';
import { versionStanding } from './version-standing.js';

const version = (over: Partial<ParameterVersion>): ParameterVersion => ({
  id: String(over.version ?? 1),
  methodologyId: 'bus',
  version: 1,
  moduleVersion: 1,
  status: 'published',
  effectiveFrom: new Date('2026-01-01T00:00:00Z'),
  effectiveTo: null,
  regionScope: null,
  params: {},
  ...over,
});
const at = new Date('2026-06-01T00:00:00Z');

describe('selectVersionInForce at its edges', () => {
  it('is in force from its first instant and no longer at its end instant', () => {
    const v = version({ effectiveFrom: at, effectiveTo: new Date('2026-07-01T00:00:00Z') });
    expect(selectVersionInForce([v], 'bus', '370102', at)).toBe(v);
    expect(selectVersionInForce([v], 'bus', '370102', new Date(at.getTime() - 1))).toBeUndefined();
    expect(selectVersionInForce([v], 'bus', '370102', new Date('2026-06-30T23:59:59.999Z'))).toBe(v);
    expect(selectVersionInForce([v], 'bus', '370102', new Date('2026-07-01T00:00:00Z'))).toBeUndefined();
  });

  it('takes the highest version whatever the order, of its own methodology and region only', () => {
    const v1 = version({ version: 1 });
    const v3 = version({ version: 3 });
    const v2 = version({ version: 2 });
    expect(selectVersionInForce([v1, v3, v2], 'bus', '370102', at)).toBe(v3);
    expect(selectVersionInForce([v3, v1, v2], 'bus', '370102', at)).toBe(v3);
    const metro = version({ version: 9, methodologyId: 'metro' });
    const qingdao = version({ version: 8, regionScope: ['370200'] });
    expect(selectVersionInForce([v1, metro, qingdao], 'bus', '370102', at)).toBe(v1);
    expect(selectVersionInForce([v1, metro, qingdao], 'bus', '370203', at)).toBe(qingdao);
  });
});

describe('versionStanding at its edges', () => {
  const v1 = version({ version: 1 });
  const districts = ['370102', '370203'];

  it('is scheduled until its first instant, then in force', () => {
    const v2 = version({ version: 2, effectiveFrom: at });
    expect(versionStanding([v1, v2], v2, new Date(at.getTime() - 1), districts)).toEqual({
      standing: 'scheduled',
      supersededBy: null,
    });
    expect(versionStanding([v1, v2], v2, at, districts)).toEqual({
      standing: 'in-force',
      supersededBy: null,
    });
  });

  it('is expired from its end instant on, not before', () => {
    const ended = version({ version: 1, effectiveTo: at });
    expect(versionStanding([ended], ended, at, districts).standing).toBe('expired');
    expect(versionStanding([ended], ended, new Date(at.getTime() - 1), districts).standing).toBe('in-force');
  });

  it('is superseded by the version chosen in the first district of its scope', () => {
    const qingdao = version({ version: 5, regionScope: ['370200'] });
    const everywhere = version({ version: 4 });
    // v1 covers both districts: 370102 chooses v4, 370203 chooses v5; the first district names v4.
    expect(versionStanding([v1, everywhere, qingdao], v1, at, districts)).toEqual({
      standing: 'superseded',
      supersededBy: 4,
    });
    // in force where it is chosen in any district of its scope
    expect(versionStanding([v1, everywhere, qingdao], everywhere, at, districts).standing).toBe('in-force');
  });

  it('is superseded by nothing when no district of the list is in its scope', () => {
    const jinan = version({ version: 2, regionScope: ['370100'] });
    expect(versionStanding([jinan], jinan, at, ['370203'])).toEqual({
      standing: 'superseded',
      supersededBy: null,
    });
  });

  it('uses the served districts by default', () => {
    const jinan = version({ version: 2, regionScope: ['370102'] });
    expect(versionStanding([jinan], jinan, at).standing).toBe('in-force');
  });

  it('names drafts and withdrawn versions whatever their dates', () => {
    expect(versionStanding([], version({ status: 'draft', effectiveFrom: at }), at, districts).standing).toBe(
      'draft',
    );
    expect(versionStanding([], version({ status: 'retired' }), at, districts)).toEqual({
      standing: 'withdrawn',
      supersededBy: null,
    });
  });
});
