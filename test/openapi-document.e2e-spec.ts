import { previewOpenApiDocument } from '../apps/api/src/openapi-document.js';
import { TestStack } from './support/stack.js';

interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: Record<string, unknown>[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const SIGNATURE_HEADERS = ['x-key-id', 'x-timestamp', 'x-nonce', 'x-signature'];

function operations(document: Record<string, unknown>): [string, Operation][] {
  return Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => [`${m.toUpperCase()} ${path}`, item[m]] as [string, Operation]),
  );
}

/**
 * The clients are generated from the document `npm run openapi` writes without a database (preview
 * mode); it must be the very document the running API serves at /docs/openapi.json, and it must say
 * what every operation answers.
 */
describe('the OpenAPI document written for the clients', () => {
  let stack: TestStack;
  let served: Record<string, unknown>;
  beforeAll(async () => {
    stack = await TestStack.start({ workers: 0 });
    const response = await stack.api.request<Record<string, unknown>>('GET', '/docs/openapi.json');
    expect(response.status).toBe(200);
    served = response.body;
  });
  afterAll(() => stack?.stop());

  it('equals the one the API serves', async () => {
    const written = JSON.parse(JSON.stringify(await previewOpenApiDocument())) as Record<string, unknown>;
    expect(Object.keys(written.paths as object).length).toBeGreaterThan(50);
    expect(written).toEqual(served);
  });

  it('gives every operation a success answer with a schema (204 and redirects excepted) and typed errors', () => {
    const missing: string[] = [];
    const untypedErrors: string[] = [];
    for (const [name, operation] of operations(served)) {
      const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      const described = successes.some(
        ([status, response]) =>
          status === '204' ||
          (response.content !== undefined &&
            Object.keys(response.content).length > 0 &&
            Object.values(response.content).every((media) => media.schema !== undefined)),
      );
      if (!described) missing.push(name);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!/^[45]\d\d$/.test(status) || name === 'GET /health/ready') continue;
        const schema = response.content?.['application/json']?.schema as { $ref?: string } | undefined;
        if (schema?.$ref !== '#/components/schemas/ApiErrorDto') untypedErrors.push(`${name} ${status}`);
      }
    }
    expect(operations(served).length).toBeGreaterThan(80);
    expect(missing).toEqual([]);
    expect(untypedErrors).toEqual([]);
  });

  it('declares the signature headers on every partner operation, and the Idempotency-Key on its writes', () => {
    const partner = operations(served).filter(([name]) => name.includes(' /partner/v1/'));
    expect(partner.length).toBeGreaterThanOrEqual(9);
    for (const [name, operation] of partner) {
      const headers = (operation.parameters ?? [])
        .filter((p) => p.in === 'header' && p.required)
        .map((p) => p.name.toLowerCase());
      const expected = [...SIGNATURE_HEADERS, ...(name.startsWith('GET ') ? [] : ['idempotency-key'])];
      expect({ name, headers: expected.filter((h) => headers.includes(h)) }).toEqual({
        name,
        headers: expected,
      });
      expect({ name, security: operation.security }).toEqual({ name, security: [{ partnerSignature: [] }] });
    }
  });
});
