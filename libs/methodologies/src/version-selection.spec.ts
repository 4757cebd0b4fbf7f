import { selectVersionInForce, type ParameterVersion } from './version-selection.js';

const version = (over: Partial<ParameterVersion>): ParameterVersion => ({
  id: '1',
  methodologyId: 'bus',
  version: 1,
  moduleVersion: 1,
  status: 'published',
  effectiveFrom: new Date('2024-01-01T00:00:00Z'),
  effectiveTo: null,
  regionScope: null,
  params: {},
  ...over,
});

const v1 = version({ id: '1', version: 1 });
const v2 = version({ id: '2', version: 2, effectiveFrom: new Date('2026-03-01T00:00:00Z') });

describe('selectVersionInForce', () => {
  it('keeps the old version for an action before the new one takes effect', () => {
    expect(selectVersionInForce([v1, v2], 'bus', '370102', new Date('2026-02-28T23:59:59Z'))?.version).toBe(
      1,
    );
  });

  it('uses the new version from its effective instant on', () => {
    expect(selectVersionInForce([v1, v2], 'bus', '370102', new Date('2026-03-01T00:00:00Z'))?.version).toBe(
      2,
    );
  });

  it('finds nothing before the first version', () => {
    expect(selectVersionInForce([v1, v2], 'bus', '370102', new Date('2023-12-31T00:00:00Z'))).toBeUndefined();
  });

  it('ignores drafts and retired versions', () => {
    const draft = version({ id: '3', version: 3, status: 'draft' });
    const retired = version({ id: '2', version: 2, status: 'retired' });
    expect(
      selectVersionInForce([v1, retired, draft], 'bus', '370102', new Date('2026-06-01Z'))?.version,
    ).toBe(1);
  });

  it('stops at effectiveTo', () => {
    const ending = version({ effectiveTo: new Date('2025-01-01T00:00:00Z') });
    expect(selectVersionInForce([ending], 'bus', '370102', new Date('2025-01-01T00:00:00Z'))).toBeUndefined();
    expect(selectVersionInForce([ending], 'bus', '370102', new Date('2024-12-31T23:59:59Z'))).toBe(ending);
  });

  it('honours region scope: the district, its city, or the province', () => {
    const jinanOnly = version({ id: '5', version: 5, regionScope: ['370100'] });
    expect(selectVersionInForce([v1, jinanOnly], 'bus', '370102', new Date('2026-06-01Z'))?.version).toBe(5);
    expect(selectVersionInForce([v1, jinanOnly], 'bus', '370800', new Date('2026-06-01Z'))?.version).toBe(1);
    const zhangqiu = version({ id: '6', version: 6, regionScope: ['370181'] });
    expect(selectVersionInForce([v1, zhangqiu], 'bus', '370102', new Date('2026-06-01Z'))?.version).toBe(1);
    expect(selectVersionInForce([v1, zhangqiu], 'bus', '370181', new Date('2026-06-01Z'))?.version).toBe(6);
  });

  it('only looks at the asked methodology', () => {
    expect(selectVersionInForce([v1], 'metro', '370102', new Date('2026-06-01Z'))).toBeUndefined();
  });
});
