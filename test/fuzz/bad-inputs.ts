import fc from 'fast-check';
import { exampleOf, fieldPaths, withField, type OpenApiDocument, type Operation } from './operations.js';

/** Values no field should take without a 4xx: wrong types, NULs, huge and negative numbers, deep nesting. */
const nested = (depth: number, leaf: unknown): unknown =>
  Array.from({ length: depth }).reduce<unknown>((inner, _, i) => (i % 2 ? [inner] : { a: inner }), leaf);

export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('a\u0000b', '\u0000', 'x'.repeat(5000), '', '   ', '\ud800', '😀'.repeat(40)),
  fc.string().map((s) => `${s}\u0000${s}`),
  fc.constantFrom('2026-02-30', '2026-02-30T00:00:00Z', '+275760-09-13T00:00:00Z', '2026-W01', '1e3', 'true'),
  fc.constantFrom(' OR 1=1 --', "'; DROP TABLE accounts; --", '../../etc/passwd', '%00', '${7*7}'),
  fc.constantFrom(1e308, -1e308, 2 ** 53, -(2 ** 63), 2 ** 63, 1e20, 2 ** 31, -1, 0, 1.5, -0.5),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom([], {}, [null], JSON.parse('{"__proto__":{"admin":true}}'), {
    constructor: { prototype: {} },
  }),
  fc.integer({ min: 20, max: 3000 }).map((depth) => nested(depth, 'deep')),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Text sent where a path id goes (URL-encoded when the URL is built). */
export const badPathValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    'not-a-uuid',
    '99999999999999999999',
    '2147483648',
    '-1',
    '0',
    '1e3',
    ' 1',
    "1' OR '1'='1",
    'ÿ',
    '\ud800',
    '0b7e1a52-3c1f-4d8e-9a65-2f1c9d3e8b4',
    '0b7e1a52-3c1f-4d8e-9a65-2f1c9d3e8b47x',
    'x'.repeat(2000),
  ),
  fc.uuid(),
  fc.string({ maxLength: 40 }),
  fc.integer().map(String),
);

/** Bodies that are not JSON, or not what the Content-Type says. */
export const malformedBody: fc.Arbitrary<{ raw: string; contentType: string }> = fc.oneof(
  fc
    .constantFrom(
      '{',
      '{"a":}',
      '{"a":1}garbage',
      '[1,2',
      'nul',
      '\u0000',
      '{"a":"\\u0000"}',
      '"\\ud800"',
      '\ufeff{}',
    )
    .map((raw) => ({ raw, contentType: 'application/json' })),
  fc.string({ maxLength: 200 }).map((raw) => ({ raw, contentType: 'application/json' })),
  fc
    .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml')
    .map((contentType) => ({
      raw: 'a=1&b=2',
      contentType,
    })),
  fc.integer({ min: 1000, max: 40_000 }).map((depth) => ({
    raw: '['.repeat(depth) + ']'.repeat(depth),
    contentType: 'application/json',
  })),
);

export interface BadRequest {
  kind: 'field' | 'unknown field' | 'whole body' | 'malformed' | 'query' | 'path' | 'header';
  /** An Idempotency-Key to send instead of a fresh valid one. */
  idempotencyKey?: string;
  pathValues: Record<string, string>;
  query: Record<string, string>;
  body?: unknown;
  raw?: { raw: string; contentType: string };
}

/**
 * Requests for one operation that something is wrong with, each in one way: a field of a plausible
 * body set to a bad value, an unknown field, a wrong body, malformed JSON, a bad query value or a bad
 * path value. Path values are otherwise the given plausible ones (real ids where the suite has them).
 */
export function badRequests(
  document: OpenApiDocument,
  operation: Operation,
  plausiblePath: Record<string, string>,
): fc.Arbitrary<BadRequest> {
  const base = operation.body ? exampleOf(document, operation.body) : undefined;
  const fields = fieldPaths(base);
  const query = Object.fromEntries(
    operation.query.filter((q) => q.required).map((q) => [q.name, String(exampleOf(document, q.schema))]),
  );
  const plain = { pathValues: plausiblePath, query };
  const kinds: fc.Arbitrary<BadRequest>[] = [
    malformedBody.map((raw) => ({ ...plain, kind: 'malformed' as const, raw })),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), badValue).map(([name, value]) => ({
      ...plain,
      kind: 'unknown field' as const,
      body: { ...(base && typeof base === 'object' ? base : {}), [`x${name}`]: value },
    })),
    badValue.map((body) => ({ ...plain, kind: 'whole body' as const, body })),
  ];
  kinds.push(
    fc
      .constantFrom(' ', 'short', 'x'.repeat(200), '%00%00%00%00', 'key with spaces', '../../../../')
      .map((idempotencyKey) => ({ ...plain, kind: 'header' as const, idempotencyKey, body: base })),
  );
  if (fields.length)
    kinds.push(
      fc.tuple(fc.constantFrom(...fields), badValue).map(([path, value]) => ({
        ...plain,
        kind: 'field' as const,
        body: withField(base, path, value),
      })),
    );
  // Query and path values are all a GET can get wrong: they weigh three times a body kind.
  const query3 = () =>
    fc
      .tuple(
        fc.constantFrom(...operation.query.map((q) => q.name)),
        fc.oneof(badPathValue, badValue.map(String)),
      )
      .map(([name, value]) => ({
        ...plain,
        kind: 'query' as const,
        query: { ...query, [name]: value },
        body: base,
      }));
  const path3 = () =>
    fc.tuple(fc.constantFrom(...operation.path.map((p) => p.name)), badPathValue).map(([name, value]) => ({
      ...plain,
      kind: 'path' as const,
      pathValues: { ...plausiblePath, [name]: value },
      body: base,
    }));
  if (operation.query.length) kinds.push(query3(), query3(), query3());
  if (operation.path.length) kinds.push(path3(), path3(), path3());
  return fc.oneof(...kinds);
}
