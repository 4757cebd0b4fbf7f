import { EMISSION_FACTORS, emissionFactorMap } from '../../../seeds/emission-factors.js';
import { METHODOLOGY_SEEDS } from '../../../seeds/seed.js';
import { factorKey, factorRef, resolveFactorRefs, supersededRefsIn } from './factor-refs.js';

const factors = emissionFactorMap();

describe('emission factor editions (issue 15: the 2022 grid factors were cited to the wrong announcement)', () => {
  it('keeps edition 1 of the 2022 rows, so versions that cite them still resolve to the same value', () => {
    expect(resolveFactorRefs(factorRef('grid', 'north-china', 2022), factors)).toMatchObject({
      value: '0.6776',
      vintage: 2022,
    });
    expect(factorRef('grid', 'north-china', 2022)).toEqual({ $factor: 'grid/north-china/2022' });
  });

  it.each([
    ['national', '0.5366'],
    ['north-china', '0.6776'],
  ])(
    'edition 2 of grid/%s/2022 has the same value cited to the 电力二氧化碳排放因子 announcement',
    (region, value) => {
      const corrected = resolveFactorRefs(factorRef('grid', region, 2022, 2), factors) as {
        value: string;
        source: string;
      };
      expect(corrected.value).toBe(value);
      expect(corrected.source).toContain('《关于发布2022年电力二氧化碳排放因子的公告》');
      expect(corrected.source).toContain('2024年12月20日');
      expect(corrected.source).not.toMatch(/^[^;]*碳足迹/);
    },
  );

  it('names a later edition by an /e<n> suffix and edition 1 without one', () => {
    expect(factorKey({ kind: 'grid', region: 'national', year: 2022, edition: 2 })).toBe(
      'grid/national/2022/e2',
    );
    expect(factorKey({ kind: 'grid', region: 'national', year: 2022 })).toBe('grid/national/2022');
  });

  it('finds references to a corrected edition', () => {
    expect(supersededRefsIn({ f: factorRef('grid', 'national', 2022) }, factors)).toEqual([
      'grid/national/2022',
    ]);
    expect(supersededRefsIn({ f: factorRef('grid', 'national', 2022, 2) }, factors)).toEqual([]);
    expect(supersededRefsIn({ f: factorRef('grid', 'north-china', 2023) }, factors)).toEqual([]);
  });

  it('seeds no new version that cites a corrected edition', () => {
    const stale = METHODOLOGY_SEEDS.filter((seed) => supersededRefsIn(seed.params, factors).length > 0).map(
      (seed) => `${seed.methodologyId}@${seed.version}`,
    );
    expect(stale).toEqual([]);
  });

  it('has one row per key and every grid row cites a 电力二氧化碳排放因子 announcement by title and date', () => {
    expect(new Set(EMISSION_FACTORS.map(factorKey)).size).toBe(EMISSION_FACTORS.length);
    const current = EMISSION_FACTORS.filter(
      (f) => supersededRefsIn(factorRef(f.kind, f.region, f.year, f.edition), factors).length === 0,
    );
    for (const f of current) {
      expect(f.source).toMatch(/《关于发布20\d\d年电力二氧化碳排放因子的公告》\(.*20\d\d年\d+月/);
      expect(f.source).toContain(`${f.year}年`);
    }
  });
});
