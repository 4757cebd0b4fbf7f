import { isInstant } from './field-shapes.js';
import { PATH_SHAPES } from './path-params.js';
import { MAX_REQUEST_DEPTH, universalProblem } from './validation.js';

describe('universalProblem: what no request value may hold', () => {
  it.each<[string, unknown, string | undefined]>([
    ['a clean body', { name: '历下区', tags: ['a', 'b'], n: 1, ok: true, none: null }, undefined],
    ['a NUL in a field', { name: 'a\u0000b' }, 'name'],
    [
      'a NUL deep in an array',
      { actions: [{ data: { note: 'ok' } }, { data: { note: '\u0000' } }] },
      'actions[1].data.note',
    ],
    ['a NUL in a key', { data: { 'k\u0000': 1 } }, 'data.k\u0000'],
    ['a lone high surrogate', { nickname: '骑\ud800' }, 'nickname'],
    ['a lone low surrogate', ['\udc00'], '[0]'],
    ['a whole pair (an emoji)', { nickname: '😀' }, undefined],
  ])('%s', (_label, value, field) => {
    expect(universalProblem(value, '')?.field).toBe(field);
  });

  it('names a query or path value by its parameter', () => {
    expect(universalProblem('a\u0000', 'id')).toEqual({
      field: 'id',
      problems: ['must not contain the NUL character (U+0000)'],
    });
  });

  it(`refuses nesting past ${MAX_REQUEST_DEPTH} levels without overflowing the stack`, () => {
    const nested = (depth: number) => Array.from({ length: depth }).reduce<unknown>((inner) => [inner], 'x');
    expect(universalProblem(nested(MAX_REQUEST_DEPTH - 1), '')).toBeUndefined();
    expect(universalProblem(nested(MAX_REQUEST_DEPTH + 1), '')?.problems).toEqual([
      `must not be nested deeper than ${MAX_REQUEST_DEPTH} levels`,
    ]);
    expect(universalProblem(nested(200_000), '')?.field).toMatch(/^\[0\]/);
  });
});

describe('path shapes', () => {
  it.each<[string, number | undefined]>([
    ['1', 1],
    ['2147483647', 2_147_483_647],
    ['2147483648', undefined],
    ['99999999999999999999', undefined],
    ['0', undefined],
    ['01', undefined],
    ['-1', undefined],
    ['1e3', undefined],
    [' 1', undefined],
    ['', undefined],
  ])('version %j → %j', (text, version) => {
    expect(PATH_SHAPES.version.parse(text)).toBe(version);
  });

  it.each<[keyof typeof PATH_SHAPES, string, boolean]>([
    ['uuid', '0b7e1a52-3c1f-4d8e-9a65-2f1c9d3e8b47', true],
    ['uuid', '0B7E1A52-3C1F-4D8E-9A65-2F1C9D3E8B47', true],
    ['uuid', '0b7e1a52-3c1f-4d8e-9a65-2f1c9d3e8b4', false],
    ['uuid', "1' OR '1'='1", false],
    ['slug', 'metro-app', true],
    ['slug', 'Metro', false],
    ['region', '370102', true],
    ['region', '37010', false],
    ['code', 'SD-370102-2026-000001', true],
    ['code', 'pk_AbC-d_9', true],
    ['code', 'a b', false],
  ])('%s %j → %s', (shape, text, accepted) => {
    expect(PATH_SHAPES[shape].parse(text) !== undefined).toBe(accepted);
  });
});

describe('isInstant', () => {
  it.each<[string, boolean]>([
    ['2026-11-20T08:00:00+08:00', true],
    ['2026-11-20T00:00:00.123Z', true],
    ['2026-02-28', true],
    ['2026-02-30', true], // the shape passes; IsISO8601({ strict: true }) beside it refuses the day
    ['2026-W01', false],
    ['2026-001', false],
    ['+2026-01-01T00:00:00Z', false],
    ['20260101', false],
    ['2026-11-20T25:00:00Z', false],
  ])('%j → %s', (text, accepted) => {
    expect(isInstant(text)).toBe(accepted);
  });
});
