import { mkdtemp, mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { TestEnvironment } from './support/environment.js';
import { ApiUnderTest } from './support/services.js';

const INDEX_HTML =
  '<!doctype html><title>碳普惠</title><div id="app"></div><script src="/m/js/app.3f9a1c0d.js"></script>';
const SCRIPT = 'js/app.3f9a1c0d.js';
// Big enough to be worth compressing (the threshold is 1 KiB), and as repetitive as real bundles.
const SCRIPT_JS = `window.carbon = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `克${i}`))};`;

/** The mini-program's H5 build served by the API at /m/, from a tiny fixture build. */
describe('the mini-program at /m/', () => {
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let dir: string;

  const get = (url: string, headers: Record<string, string> = {}) =>
    api.app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'carbon-miniprogram-'));
    await mkdir(join(dir, 'js'));
    await writeFile(join(dir, 'index.html'), INDEX_HTML);
    await writeFile(join(dir, SCRIPT), SCRIPT_JS);
    await writeFile(join(dir, 'favicon.ico'), 'icon');
    env = await TestEnvironment.create();
    api = await ApiUnderTest.start(env.config({ MINIPROGRAM_DIR: dir }));
  });

  afterAll(async () => {
    await api?.close();
    await env?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('redirects /m to /m/ and serves index.html revalidated every time', async () => {
    const bare = await get('/m');
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe('/m/');
    const index = await get('/m/');
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.body).toBe(INDEX_HTML);
  });

  it("answers the app's own routes with index.html (browser routing)", async () => {
    for (const url of ['/m/pages/home/index', '/m/pages/werun/index?from=share', '/m/..%2fpackage.json']) {
      const response = await get(url);
      expect({ url, status: response.statusCode, body: response.body }).toEqual({
        url,
        status: 200,
        body: INDEX_HTML,
      });
    }
  });

  it('caches hashed scripts for a year, compressed, and other files not at all', async () => {
    const plain = await get(`/m/${SCRIPT}`);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toMatch(/javascript/);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.body).toBe(SCRIPT_JS);

    const gzip = await get(`/m/${SCRIPT}`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(SCRIPT_JS);
    expect(gzip.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT_JS) / 2);

    const brotli = await get(`/m/${SCRIPT}`, { 'accept-encoding': 'br, gzip' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(SCRIPT_JS);

    const icon = await get('/m/favicon.ico');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers a missing build asset with 404, never index.html posing as a script', async () => {
    for (const url of [
      '/m/js/app.00000000.js',
      '/m/css/app.00000000.css',
      '/m/js%2f..%2f..%2fpackage.json',
    ]) {
      const response = await get(url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
      expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('keeps its routes out of the OpenAPI document', async () => {
    const document = await api.request<{ paths: Record<string, unknown> }>('GET', '/docs/openapi.json');
    expect(Object.keys(document.body.paths).filter((p) => p.startsWith('/m/'))).toEqual([]);
  });

  it('answers 503 MINIPROGRAM_NOT_BUILT until it is built: a page for browsers, JSON otherwise', async () => {
    await unlink(join(dir, 'index.html'));
    const json = await get('/m/pages/home/index');
    expect(json.statusCode).toBe(503);
    expect(json.json()).toEqual({ code: 'MINIPROGRAM_NOT_BUILT', message: 'run npm run build:miniprogram' });
    const page = await get('/m/', { accept: 'text/html,application/xhtml+xml' });
    expect(page.statusCode).toBe(503);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('小程序 H5 版尚未构建');
    expect(page.body).toContain('npm run build:miniprogram');
  });
});
