import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { previewOpenApiDocument } from '../../apps/api/src/openapi-document.js';
import { DatabaseFingerprint, changedTables } from '../support/database-fingerprint.js';
import { registerPartner, signedHeaders, type PartnerKey } from '../support/partner-requests.js';
import { TestStack } from '../support/stack.js';
import { badRequests, type BadRequest } from './bad-inputs.js';
import { operationsOf, type OpenApiDocument, type Operation } from './operations.js';

/**
 * Property-based fuzzing of every operation in the OpenAPI document (issue 11): requests with wrong
 * types, NULs, huge and negative numbers, deep nesting, unknown fields, malformed JSON, bad query and
 * path values and bad Idempotency-Keys, sent with valid credentials for the route's audience. Each
 * must be answered below 500, and a refused one (4xx) must leave every table as it was. Bounded and
 * reproducible: a fixed seed and a fixed number of runs per operation (FUZZ_SEED, FUZZ_RUNS).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const UNLIMITED = '1000000';

const previewed = operationsOf((await previewOpenApiDocument()) as unknown as OpenApiDocument);
process.stdout.write(`fuzz: ${previewed.length} operations × ${RUNS} runs, seed ${SEED}\n`);

/** Percent-encodes every byte but the unreserved ones, lone surrogates included (as U+FFFD). */
function encode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

function urlOf(operation: Operation, request: BadRequest): string {
  const path = operation.template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encode(request.pathValues[name] ?? ''),
  );
  const query = Object.entries(request.query)
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

interface Finding {
  operation: string;
  kind: string;
  url: string;
  status: number;
  problem: string;
  sent: string;
}

describe('fuzz: every operation of the OpenAPI document refuses bad input with a 4xx and writes nothing', () => {
  let stack: TestStack;
  let document: OpenApiDocument;
  let partner: PartnerKey;
  let rewardId: string;
  let fingerprint: DatabaseFingerprint;
  const findings: Finding[] = [];
  const statuses = new Map<string, Map<number, number>>();
  let citizens = 0;
  const started = Date.now();

  beforeAll(async () => {
    stack = await TestStack.start({
      admin: true,
      workers: 0,
      apiEnv: {
        RATE_LIMIT_CITIZEN_PER_MINUTE: UNLIMITED,
        RATE_LIMIT_PARTNER_PER_MINUTE: UNLIMITED,
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: UNLIMITED,
      },
    });
    const served = await stack.api.app.getHttpAdapter().getInstance().inject({ url: '/docs/openapi.json' });
    document = JSON.parse(served.body) as OpenApiDocument;
    expect(operationsOf(document).map((o) => o.label)).toEqual(previewed.map((o) => o.label));
    partner = await registerPartner(stack.api, stack.admin, 'fuzz-partner');
    const reward = await stack.api.request<{ rewardId: string }>('POST', '/admin/v1/rewards', {
      token: stack.admin,
      body: {
        partnerId: 'fuzz-partner',
        title: '地铁单程票',
        points: '10',
        stock: 5,
        perCitizenLimit: 1,
        validFrom: '2026-01-01T00:00:00+08:00',
        validTo: '2099-01-01T00:00:00+08:00',
      },
    });
    rewardId = reward.body.rewardId;
    fingerprint = await DatabaseFingerprint.of(stack.env);
  }, 120_000);

  afterAll(async () => {
    const lines = [...statuses].map(
      ([label, counts]) =>
        `  ${label}: ${[...counts]
          .sort(([a], [b]) => a - b)
          .map(([status, n]) => `${status}×${n}`)
          .join(' ')}`,
    );
    const total = [...statuses.values()].reduce(
      (sum, c) => sum + [...c.values()].reduce((a, b) => a + b, 0),
      0,
    );
    process.stdout.write(
      `fuzz: ${statuses.size} operations, ${total} requests (${RUNS} per operation, seed ${SEED}) in ${((Date.now() - started) / 1000).toFixed(1)} s; answers by status:\n${lines.join('\n')}\n`,
    );
    if (findings.length) process.stdout.write(`fuzz findings:\n${JSON.stringify(findings, null, 2)}\n`);
    await stack?.stop();
  });

  /** Path values that name real things where the suite has them, so other mistakes get past the 404. */
  function plausiblePath(operation: Operation): Record<string, string> {
    const values: Record<string, string> = {};
    for (const { name, schema } of operation.path) {
      const pattern = String(schema.pattern ?? '');
      if (schema.format === 'uuid')
        values[name] = operation.template.includes('/rewards/') ? rewardId : randomUUID();
      else if (schema.type === 'integer') values[name] = '1';
      else if (pattern.includes('\\d{6}')) values[name] = '370102';
      else if (operation.template.includes('/methodologies/')) values[name] = 'cycling';
      else if (operation.template.includes('/partners/') && name === 'id') values[name] = 'fuzz-partner';
      else values[name] = 'SD-370102-2026-000001';
    }
    return values;
  }

  async function credentials(operation: Operation): Promise<Record<string, string>> {
    if (operation.audience === 'admin') return { authorization: `Bearer ${stack.admin}` };
    if (operation.audience === 'citizen') {
      // A fresh citizen per operation: one operation (deleting my account) must not spoil the others.
      citizens += 1;
      return { authorization: `Bearer ${(await stack.api.login(`fuzz-${citizens}`)).token}` };
    }
    return {};
  }

  it.each(previewed.map((o) => [o.label, o] as const))('%s', async (_label, described) => {
    const operation = operationsOf(document).find((o) => o.label === described.label)!;
    const auth = await credentials(operation);
    const inject = stack.api.app.getHttpAdapter().getInstance();
    const cases = fc.sample(badRequests(document, operation, plausiblePath(operation)), {
      seed: SEED + previewed.indexOf(described),
      numRuns: RUNS,
    });
    for (const request of cases) {
      const url = urlOf(operation, request);
      // A GET's body is never read (Fastify drops it, and a partner's signature would no longer match).
      const raw =
        operation.method === 'GET'
          ? undefined
          : (request.raw?.raw ?? (request.body === undefined ? undefined : JSON.stringify(request.body)));
      const headers: Record<string, string> = { ...auth };
      if (raw !== undefined) headers['content-type'] = request.raw?.contentType ?? 'application/json';
      if (operation.audience === 'partner')
        Object.assign(headers, signedHeaders(partner, operation.method, url, raw ?? ''));
      else if (operation.method !== 'GET') headers['idempotency-key'] = randomUUID();
      if (request.idempotencyKey !== undefined) headers['idempotency-key'] = request.idempotencyKey;

      const before = await fingerprint.take(stack.env);
      const response = await inject.inject({ method: operation.method, url, headers, payload: raw });
      const counts = statuses.get(operation.label) ?? new Map<number, number>();
      statuses.set(
        operation.label,
        counts.set(response.statusCode, (counts.get(response.statusCode) ?? 0) + 1),
      );
      const changed =
        response.statusCode >= 400 ? changedTables(before, await fingerprint.take(stack.env)) : [];
      const problem =
        response.statusCode >= 500
          ? `${response.statusCode} ${response.body.slice(0, 200)}`
          : changed.length
            ? `refused with ${response.statusCode} but wrote to ${changed.join(', ')}`
            : '';
      if (problem)
        findings.push({
          operation: operation.label,
          kind: request.kind,
          url: url.slice(0, 200),
          status: response.statusCode,
          problem,
          sent: (raw ?? '').slice(0, 300),
        });
    }
    expect(findings.filter((f) => f.operation === operation.label)).toEqual([]);
  });
});
