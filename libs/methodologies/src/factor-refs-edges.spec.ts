import {
  factorKey,
  factorRef,
  factorRefsIn,
  resolveFactorRefs,
  supersededRefsIn,
  UnknownFactorError,
  type EmissionFactor,
} from './factor-refs.js';

const row = (year: number, edition?: number, region = 'north-china'): EmissionFactor => ({
  kind: 'grid',
  region,
  year,
  ...(edition === undefined ? {} : { edition }),
  value: '0.6',
  unit: 'kgCO2/kWh',
  source: `MEE ${year} e${edition ?? 1}`,
});

describe('factor keys', () => {
  it('write edition 1 without a suffix and later editions with /e<n>', () => {
    expect(factorKey({ kind: 'grid', region: 'north-china', year: 2023 })).toBe('grid/north-china/2023');
    expect(factorKey({ kind: 'grid', region: 'north-china', year: 2023, edition: 1 })).toBe(
      'grid/north-china/2023',
    );
    expect(factorKey({ kind: 'grid', region: 'north-china', year: 2023, edition: 2 })).toBe(
      'grid/north-china/2023/e2',
    );
    expect(factorRef('grid', 'national', 2022, 2)).toEqual({ $factor: 'grid/national/2022/e2' });
    expect(factorRef('grid', 'national', 2022)).toEqual({ $factor: 'grid/national/2022' });
  });
});

describe('references', () => {
  it('are objects with $factor alone, as a string', () => {
    expect(factorRefsIn({ $factor: 'a/b/1', note: 'x' })).toEqual([]);
    expect(factorRefsIn({ $factor: 7 })).toEqual([]);
    expect(factorRefsIn(null)).toEqual([]);
    expect(factorRefsIn('grid/north-china/2023')).toEqual([]);
    expect(factorRefsIn([{ $factor: 'a/b/1' }, [{ $factor: 'c/d/2' }]])).toEqual(['a/b/1', 'c/d/2']);
  });

  it('resolve to value, unit, source and the year as vintage; anything else is kept as it is', () => {
    const factors = new Map([['grid/north-china/2023/e2', row(2023, 2)]]);
    expect(resolveFactorRefs([{ $factor: 'grid/north-china/2023/e2' }, 3, null, 'x'], factors)).toEqual([
      { value: '0.6', unit: 'kgCO2/kWh', source: 'MEE 2023 e2', vintage: 2023 },
      3,
      null,
      'x',
    ]);
    expect(resolveFactorRefs({ $factor: 'grid/north-china/2023/e2', extra: 1 }, factors)).toEqual({
      $factor: 'grid/north-china/2023/e2',
      extra: 1,
    });
  });

  it('to a missing row fail naming the key', () => {
    const error = (() => {
      try {
        resolveFactorRefs([{ $factor: 'grid/mars/2023' }], new Map());
      } catch (e) {
        return e as UnknownFactorError;
      }
    })();
    expect(error).toBeInstanceOf(UnknownFactorError);
    expect(error).toMatchObject({
      name: 'UnknownFactorError',
      key: 'grid/mars/2023',
      message: 'no emission factor grid/mars/2023',
    });
  });
});

describe('supersededRefsIn', () => {
  const factors = new Map<string, EmissionFactor>([
    ['grid/north-china/2023', row(2023)],
    ['grid/north-china/2023/e2', row(2023, 2)],
    ['grid/north-china/2022', row(2022)],
    ['grid/east-china/2023', row(2023, undefined, 'east-china')],
  ]);

  it('names the references a later edition of the same kind, region and year corrects', () => {
    const params = {
      a: { $factor: 'grid/north-china/2023' },
      b: { $factor: 'grid/north-china/2023/e2' },
      c: { $factor: 'grid/north-china/2022' },
      d: { $factor: 'grid/east-china/2023' },
      e: { $factor: 'grid/unknown/2023' },
    };
    expect(supersededRefsIn(params, factors)).toEqual(['grid/north-china/2023']);
  });

  it('does not count another kind, region or year as a correction', () => {
    const others = new Map<string, EmissionFactor>([
      ['grid/north-china/2023', row(2023)],
      ['heat/north-china/2023/e2', { ...row(2023, 2), kind: 'heat' }],
      ['grid/north-china/2024/e2', row(2024, 2)],
      ['grid/east-china/2023/e2', row(2023, 2, 'east-china')],
    ]);
    expect(supersededRefsIn({ a: { $factor: 'grid/north-china/2023' } }, others)).toEqual([]);
  });
});
