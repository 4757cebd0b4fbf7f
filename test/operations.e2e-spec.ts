import { createAdmin, dataSourceOptions } from '@app/persistence';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { mkdtemp, mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { ADMIN, AUDITOR, adminBootstrapEnv, adminToken, createAuditor } from './support/admin.js';
import { TestEnvironment } from './support/environment.js';
import { ApiUnderTest, eventually, startWorker } from './support/services.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

const INDEX_HTML = '<!doctype html><title>碳普惠 console</title><div id="root"></div>';
const ASSET = 'assets/index-3f9a1c.js';
const ASSET_JS = 'console.log("console");';

/** One sample of a metric from Prometheus text, by exact label set (in the order the registry prints). */
function sample(text: string, name: string, labels = ''): number | undefined {
  const prefix = labels ? `${name}{${labels}} ` : `${name} `;
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : Number(line.slice(prefix.length));
}

describe('operations: metrics, the queue dashboard and the console', () => {
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let worker: INestApplicationContext | undefined;
  let consoleDir: string;

  const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}) =>
    api.app.getHttpAdapter().getInstance().inject({ method, url, headers });
  const scrape = async () => {
    const response = await inject('GET', '/metrics');
    expect(response.statusCode).toBe(200);
    return response.body;
  };
  /** Scrapes until the metric has the wanted value (readings are cached for two seconds). */
  const metricBecomes = (name: string, labels: string, wanted: (value: number | undefined) => boolean) =>
    eventually(async () => {
      const value = sample(await scrape(), name, labels);
      return wanted(value) ? (value ?? null) : undefined;
    });

  beforeAll(async () => {
    consoleDir = await mkdtemp(join(tmpdir(), 'carbon-console-'));
    await mkdir(join(consoleDir, 'assets'));
    await writeFile(join(consoleDir, 'index.html'), INDEX_HTML);
    await writeFile(join(consoleDir, ASSET), ASSET_JS);
    // The copies the console's build writes beside each asset (apps/console/precompress.ts).
    await writeFile(join(consoleDir, `${ASSET}.br`), brotliCompressSync(ASSET_JS));
    await writeFile(join(consoleDir, `${ASSET}.gz`), gzipSync(ASSET_JS));
    await writeFile(join(consoleDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    env = await TestEnvironment.create();
    api = await ApiUnderTest.start(env.config({ ...adminBootstrapEnv, CONSOLE_DIR: consoleDir }));
    await createAuditor(env); // after the start: the bootstrap admin is only created into an empty table
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await env?.dispose();
    await rm(consoleDir, { recursive: true, force: true });
  });

  describe('metrics', () => {
    it('times requests by route template and status code, unmatched URLs under one label', async () => {
      const { token } = await api.login('metrics-reader');
      const missing = randomUUID();
      expect((await api.request('GET', `/v1/me/actions/${missing}`, { token })).status).toBe(404);
      expect((await api.request('GET', `/v1/me/actions/${randomUUID()}`, { token })).status).toBe(404);
      expect((await inject('GET', `/no/such/${missing}`)).statusCode).toBe(404);

      const text = await scrape();
      const series = 'method="GET",route="/v1/me/actions/:id",status_code="404"';
      expect(sample(text, 'carbon_http_request_duration_seconds_count', series)).toBe(2);
      expect(sample(text, 'carbon_http_request_duration_seconds_bucket', `le="+Inf",${series}`)).toBe(2);
      expect(sample(text, 'carbon_http_request_duration_seconds_sum', series)).toBeGreaterThan(0);
      const unmatched = 'method="GET",route="unmatched",status_code="404"';
      expect(sample(text, 'carbon_http_request_duration_seconds_count', unmatched)).toBe(1);
      expect(text).not.toContain(missing);
      // No reconciliation has run yet: absent, not a false 0.
      expect(sample(text, 'carbon_ledger_reconciliation_ok')).toBeUndefined();
      expect(sample(text, 'carbon_ledger_reconciliation_last_run_timestamp_seconds')).toBeUndefined();
    });

    it('shows an unsettled action as pending, waiting in its queue and lagging, and clears once settled', async () => {
      const { token } = await api.login('metrics-cyclist');
      const submitted = await api.request<{ id: string }>('POST', '/v1/actions', {
        token,
        body: cyclingTrip(5_000, 20),
        headers: { 'idempotency-key': idempotencyKey('metrics') },
      });
      expect(submitted.status).toBe(202);

      await metricBecomes('carbon_queue_jobs', 'queue="actions",state="waiting"', (v) => v === 1);
      const text = await scrape();
      expect(sample(text, 'carbon_actions_pending', 'status="received"')).toBe(1);
      expect(sample(text, 'carbon_actions_pending', 'status="quantified"')).toBe(0);
      expect(sample(text, 'carbon_settlement_lag_seconds')).toBeGreaterThan(0);
      expect(sample(text, 'carbon_queue_oldest_waiting_age_seconds', 'queue="actions"')).toBeGreaterThan(0);
      expect(sample(text, 'carbon_queue_jobs', 'queue="webhooks",state="waiting"')).toBe(0);

      worker = await startWorker(env.config());
      await eventually(async () => {
        const [row] = await env.query<{ status: string }>(`SELECT status FROM actions WHERE id = $1`, [
          submitted.body.id,
        ]);
        return row.status === 'settled' ? true : undefined;
      });
      await metricBecomes('carbon_actions_pending', 'status="received"', (v) => v === 0);
      // The queue gauges are read on their own cached snapshot, and a busy worker may still hold a
      // follow-up wake-up for a moment: wait for them to clear too, then read all four together.
      await metricBecomes('carbon_queue_jobs', 'queue="actions",state="waiting"', (v) => v === 0);
      const after = await scrape();
      expect(sample(after, 'carbon_actions_pending', 'status="quantified"')).toBe(0);
      expect(sample(after, 'carbon_settlement_lag_seconds')).toBe(0);
      expect(sample(after, 'carbon_queue_jobs', 'queue="actions",state="waiting"')).toBe(0);
      expect(sample(after, 'carbon_queue_oldest_waiting_age_seconds', 'queue="actions"')).toBe(0);
    });

    it('counts delayed jobs in every queue the API knows', async () => {
      const webhooks = new Queue('webhooks', {
        prefix: env.queuePrefix,
        connection: { url: env.env().REDIS_URL },
      });
      try {
        const job = await webhooks.add('webhook.deliver', { deliveryId: randomUUID() }, { delay: 600_000 });
        await metricBecomes('carbon_queue_jobs', 'queue="webhooks",state="delayed"', (v) => v === 1);
        await job.remove();
        await metricBecomes('carbon_queue_jobs', 'queue="webhooks",state="delayed"', (v) => v === 0);
      } finally {
        await webhooks.close();
      }
    });

    it('reports parked webhook deliveries and their failed attempts', async () => {
      const before = await scrape();
      expect(sample(before, 'carbon_webhook_deliveries_undelivered', 'status="parked"')).toBe(0);
      await env.query(
        `INSERT INTO partners (id, display_name, kinds, webhook_url) VALUES ('metrics-shop', 'Shop', '{retail}', 'http://127.0.0.1:9/hook')`,
      );
      // Parked after its last attempt, as the worker leaves it (the catalog suite drives that flow).
      await env.query(
        `INSERT INTO webhook_deliveries (partner_id, event_type, payload, status, attempts, last_error, parked_at)
         VALUES ('metrics-shop', 'order.created', '{}', 'parked', 8, 'HTTP 500', now()),
                ('metrics-shop', 'order.created', '{}', 'pending', 3, 'HTTP 502', NULL),
                ('metrics-shop', 'order.created', '{}', 'delivered', 2, NULL, NULL)`,
      );
      await metricBecomes('carbon_webhook_deliveries_undelivered', 'status="parked"', (v) => v === 1);
      const text = await scrape();
      expect(sample(text, 'carbon_webhook_deliveries_undelivered', 'status="pending"')).toBe(1);
      expect(sample(text, 'carbon_webhook_failed_attempts', 'status="parked"')).toBe(8);
      expect(sample(text, 'carbon_webhook_failed_attempts', 'status="pending"')).toBe(3);
    });
  });

  describe('the queue dashboard at /admin/queues', () => {
    it('refuses callers without credentials, citizens and auditors', async () => {
      const anonymous = await inject('GET', '/admin/queues');
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ code: 'AUTH_REQUIRED' });
      expect((await inject('GET', '/admin/queues/api/queues')).statusCode).toBe(401);

      const garbage = await inject('GET', '/admin/queues', { authorization: 'Bearer not-a-jwt' });
      expect(garbage.statusCode).toBe(401);
      expect(garbage.json()).toMatchObject({ code: 'TOKEN_INVALID' });

      const { token: citizen } = await api.login('curious-citizen');
      const asCitizen = await inject('GET', '/admin/queues', { authorization: `Bearer ${citizen}` });
      expect(asCitizen.statusCode).toBe(403);
      expect(asCitizen.json()).toMatchObject({ code: 'FORBIDDEN' });

      const auditor = await adminToken(api, AUDITOR);
      for (const url of ['/admin/queues', '/admin/queues/api/queues']) {
        const asAuditor = await inject('GET', url, { authorization: `Bearer ${auditor}` });
        expect(asAuditor.statusCode).toBe(403);
        expect(asAuditor.json()).toMatchObject({ code: 'FORBIDDEN' });
      }
    });

    it('shows the dashboard and every queue to an admin bearer token', async () => {
      const admin = await adminToken(api, ADMIN);
      const page = await inject('GET', '/admin/queues', { authorization: `Bearer ${admin}` });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('<base href="/admin/queues/" />');
      expect(page.body).toContain('碳普惠任务队列');
      // Nothing fetched from the internet (bull-board links Google Fonts; an intranet cannot reach it).
      expect(page.body).not.toMatch(/<link[^>]+https?:\/\//);
      expect(page.body).toContain('"lng":"zh-CN"');
      const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.body)?.[1];
      expect(script).toBeDefined();
      const asset = await inject('GET', `/admin/queues/${script}`, { authorization: `Bearer ${admin}` });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
      // The dashboard's own files are behind the same check.
      expect((await inject('GET', `/admin/queues/${script}`)).statusCode).toBe(401);

      const queues = await inject('GET', '/admin/queues/api/queues', { authorization: `Bearer ${admin}` });
      expect(queues.statusCode).toBe(200);
      const names = (queues.json() as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
      expect(names).toEqual(['actions', 'webhooks']);
    });

    it('signs a browser in with an HttpOnly cookie that only the dashboard accepts, and out again', async () => {
      const login = await inject('POST', '/admin/v1/auth/login', { 'content-type': 'application/json' });
      expect(login.statusCode).toBe(400); // no body: nothing set
      expect(login.headers['set-cookie']).toBeUndefined();

      const signedIn = await api.app
        .getHttpAdapter()
        .getInstance()
        .inject({ method: 'POST', url: '/admin/v1/auth/login', payload: ADMIN });
      expect(signedIn.statusCode).toBe(200);
      const setCookie = String(signedIn.headers['set-cookie']);
      const token = (signedIn.json() as { accessToken: string }).accessToken;
      expect(setCookie).toContain(`carbon_admin_session=${token}`);
      expect(setCookie).toMatch(/; HttpOnly/);
      expect(setCookie).toMatch(/; SameSite=Strict/);
      expect(setCookie).toMatch(/; Path=\/admin(;|$)/);
      expect(setCookie).toMatch(/; Max-Age=3600(;|$)/);
      expect(setCookie).not.toMatch(/Secure/); // not production
      const cookie = { cookie: `carbon_admin_session=${token}` };

      const page = await inject('GET', '/admin/queues', cookie);
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect((await inject('GET', '/admin/queues/api/queues', cookie)).statusCode).toBe(200);
      // Changes through the dashboard with the cookie must come from its own origin.
      const resume = '/admin/queues/api/queues/actions/resume';
      const sibling = await api.app
        .getHttpAdapter()
        .getInstance()
        .inject({ method: 'PUT', url: resume, headers: { ...cookie, 'sec-fetch-site': 'same-site' } });
      expect(sibling.statusCode).toBe(403);
      expect(sibling.json()).toMatchObject({ code: 'FORBIDDEN' });
      const own = await api.app
        .getHttpAdapter()
        .getInstance()
        .inject({ method: 'PUT', url: resume, headers: { ...cookie, 'sec-fetch-site': 'same-origin' } });
      expect(own.statusCode).toBe(200);
      // A browser that sends no Sec-Fetch-Site still names the page's origin: it must be this one.
      const write = (headers: Record<string, string>) =>
        api.app
          .getHttpAdapter()
          .getInstance()
          .inject({ method: 'PUT', url: resume, headers: { ...cookie, ...headers } });
      const foreignHeaders: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { referer: 'https://evil.example/console/' },
        { 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' },
        {},
      ];
      for (const foreign of foreignHeaders) {
        const refused = await write(foreign);
        expect({ foreign, status: refused.statusCode }).toEqual({ foreign, status: 403 });
        expect(refused.json()).toMatchObject({ code: 'FORBIDDEN' });
      }
      expect((await write({ origin: 'http://localhost' })).statusCode).toBe(200);
      expect((await write({ referer: 'http://localhost/admin/queues/' })).statusCode).toBe(200);
      // The JSON admin API stays bearer-only, so a cookie there proves nothing (no CSRF surface).
      const adminApi = await inject('GET', '/admin/v1/reviews', cookie);
      expect(adminApi.statusCode).toBe(401);
      expect(adminApi.json()).toMatchObject({ code: 'AUTH_REQUIRED' });

      const logout = await inject('POST', '/admin/v1/auth/logout', cookie);
      expect(logout.statusCode).toBe(204);
      const cleared = String(logout.headers['set-cookie']);
      expect(cleared).toMatch(/^carbon_admin_session=;/);
      expect(cleared).toMatch(/; Path=\/admin(;|$)/);
      expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
    });

    it('stops accepting the token and cookie of an admin who was disabled', async () => {
      const dataSource = await new DataSource(dataSourceOptions(env.config())).initialize();
      const other = { username: 'night-operator', password: 'night operator password' };
      try {
        await createAdmin(dataSource, other.username, other.password, 'admin');
      } finally {
        await dataSource.destroy();
      }
      const token = await adminToken(api, other);
      expect((await inject('GET', '/admin/queues', { authorization: `Bearer ${token}` })).statusCode).toBe(
        200,
      );
      await env.query(`UPDATE admins SET disabled_at = now() WHERE username = $1`, [other.username]);
      const credentials: Record<string, string>[] = [
        { authorization: `Bearer ${token}` },
        { cookie: `carbon_admin_session=${token}` },
      ];
      for (const headers of credentials) {
        const refused = await inject('GET', '/admin/queues', headers);
        expect(refused.statusCode).toBe(401);
        expect(refused.json()).toMatchObject({ code: 'TOKEN_INVALID' });
      }
    });
  });

  describe('the console at /console/', () => {
    it('redirects /console to /console/ and serves index.html uncached, with no credentials', async () => {
      const bare = await inject('GET', '/console');
      expect(bare.statusCode).toBe(302);
      expect(bare.headers.location).toBe('/console/');

      const index = await inject('GET', '/console/');
      expect(index.statusCode).toBe(200);
      expect(index.headers['content-type']).toMatch(/^text\/html/);
      expect(index.headers['cache-control']).toBe('no-cache');
      expect(index.body).toBe(INDEX_HTML);
    });

    it('caches hashed assets for a year and other files not at all', async () => {
      const asset = await inject('GET', `/console/${ASSET}`);
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.body).toBe(ASSET_JS);

      const icon = await inject('GET', '/console/favicon.svg');
      expect(icon.statusCode).toBe(200);
      expect(icon.headers['cache-control']).toBe('no-cache');

      const stale = await inject('GET', '/console/assets/index-000000.js');
      expect(stale.statusCode).toBe(404);
      expect(stale.json()).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('sends the compressed copy to a browser that accepts it, the file itself to one that does not', async () => {
      const brotli = await api.app
        .getHttpAdapter()
        .getInstance()
        .inject({
          method: 'GET',
          url: `/console/${ASSET}`,
          headers: { 'accept-encoding': 'gzip, deflate, br' },
        });
      expect(brotli.statusCode).toBe(200);
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(brotli.headers['content-type']).toMatch(/javascript/);
      expect(brotli.headers.vary).toMatch(/accept-encoding/i);
      expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(ASSET_JS);

      const gzip = await inject('GET', `/console/${ASSET}`, { 'accept-encoding': 'gzip' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.rawPayload).toString()).toBe(ASSET_JS);

      const plain = await inject('GET', `/console/${ASSET}`, { 'accept-encoding': 'identity' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      expect(plain.body).toBe(ASSET_JS);
    });

    it("answers the app's own paths with index.html and never serves a file outside the directory", async () => {
      // (The URL parser removes /../ and /%2e%2e/ before routing; an encoded slash is what gets through.)
      for (const url of ['/console/reviews/42', '/console/..%2fpackage.json']) {
        const response = await inject('GET', url);
        expect({ url, status: response.statusCode, body: response.body }).toEqual({
          url,
          status: 200,
          body: INDEX_HTML,
        });
        expect(response.headers['cache-control']).toBe('no-cache');
      }
      const escape = await inject('GET', '/console/assets%2f..%2f..%2fpackage.json');
      expect(escape.statusCode).toBe(404);
      expect(escape.body).not.toContain('"name"');
    });

    it('keeps its routes and the dashboard out of the OpenAPI document', async () => {
      const document = await api.request<{ paths: Record<string, unknown> }>('GET', '/docs/openapi.json');
      const paths = Object.keys(document.body.paths);
      expect(paths).toContain('/admin/v1/auth/logout');
      expect(paths.filter((p) => p.startsWith('/console') || p.startsWith('/admin/queues'))).toEqual([]);
    });

    it('answers 503 CONSOLE_NOT_BUILT while there is no built console', async () => {
      await unlink(join(consoleDir, 'index.html'));
      for (const url of ['/console/', '/console/reviews/42']) {
        const response = await inject('GET', url);
        expect(response.statusCode).toBe(503);
        expect(response.json()).toEqual({ code: 'CONSOLE_NOT_BUILT', message: 'run npm run build' });
      }
    });
  });
});
