import { previewOpenApiDocument } from '../apps/api/src/openapi-document.js';
import { TestStack } from './support/stack.js';

/**
 * The clients are generated from the document `npm run openapi` writes without a database (preview
 * mode); it must be the very document the running API serves at /docs/openapi.json.
 */
describe('the OpenAPI document written for the clients', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await TestStack.start({ workers: 0 });
  });
  afterAll(() => stack?.stop());

  it('equals the one the API serves', async () => {
    const served = await stack.api.request<Record<string, unknown>>('GET', '/docs/openapi.json');
    expect(served.status).toBe(200);
    const written = JSON.parse(JSON.stringify(await previewOpenApiDocument())) as Record<string, unknown>;
    expect(Object.keys(written.paths as object).length).toBeGreaterThan(50);
    expect(written).toEqual(served.body);
  });
});
