import { jobId } from '@app/domain';
import { Queue } from 'bullmq';
import pg from 'pg';
import { ADMIN } from './support/admin.js';
import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { idempotencyKey } from './support/trips.js';
import { busV2 as busV2Seed } from '../seeds/methodologies/bus.v2.js';

interface ActionView {
  id: string;
  status: string;
  grams: string | null;
  requestedGrams: string | null;
  capApplied: string | null;
  reasonCode: string | null;
  methodologyVersion: number | null;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('admin: methodology versions, effect dates, audit', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let admin: string;
  let auditor: string;

  beforeAll(async () => {
    stack = await TestStack.start({ admin: true, auditor: true });
    ({ env, api, admin, auditor } = stack);
  });

  afterAll(() => stack?.stop());

  const finished = (token: string, id: string) =>
    eventually(async () => {
      const { body } = await api.request<ActionView>('GET', `/v1/me/actions/${id}`, { token });
      return ['settled', 'rejected', 'review'].includes(body.status) ? body : undefined;
    });
  const submit = (token: string, methodology: string, data: Record<string, unknown>) =>
    api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: { methodology, data },
      headers: { 'idempotency-key': idempotencyKey() },
    });
  const trip = (startMs: number, minutes: number, distanceM: number) => ({
    distanceM,
    startedAt: iso(startMs),
    endedAt: iso(startMs + minutes * 60_000),
  });

  it('signs admins in and refuses a wrong password', async () => {
    const wrong = await api.request('POST', '/admin/v1/auth/login', {
      body: { username: ADMIN.username, password: 'nope nope nope' },
    });
    expect(wrong).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
    const unknown = await api.request('POST', '/admin/v1/auth/login', {
      body: { username: 'nobody', password: 'whatever it is' },
    });
    expect(unknown).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
  });

  it('lists every seeded methodology with its published v1', async () => {
    const response = await api.request<{ id: string; versions: { version: number; status: string }[] }[]>(
      'GET',
      '/admin/v1/methodologies',
      { token: auditor },
    );
    expect(response.status).toBe(200);
    const ids = response.body.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['bus', 'carpool', 'cycling', 'metro', 'walking']));
    for (const m of response.body) expect(m.versions[0]).toMatchObject({ version: 1, status: 'published' });
  });

  it('publishes a new bus version effective from a date: trips after it use it, trips before keep the version then in force, and the audit shows which', async () => {
    const effective = Date.now() - 10 * DAY;
    type BusParams = {
      components: { project: { electric: { gridFactor: { $factor?: string; value?: string } } } };
    };
    const draft = await api.request<{
      version: number;
      status: string;
      moduleVersion: number;
      params: BusParams;
    }>('POST', '/admin/v1/methodologies/bus/drafts', {
      token: admin,
      body: { effectiveFrom: iso(effective) },
    });
    expect(draft.status).toBe(201);
    // It copies the newest version, Shandong's bus@2 (module 2), grid factor by reference.
    expect(draft.body).toMatchObject({
      version: 3,
      status: 'draft',
      moduleVersion: 2,
      params: { components: { project: { electric: { gridFactor: { $factor: 'grid/north-china/2023' } } } } },
    });

    // A data change: the same components on the 华北 2022 factor (edition 2, the corrected citation).
    const params = structuredClone(draft.body.params);
    params.components.project.electric.gridFactor = { $factor: 'grid/north-china/2022/e2' };
    const edited = await api.request('PATCH', '/admin/v1/methodologies/bus/versions/3', {
      token: admin,
      body: { params, source: 'test: bus on the 华北 2022 grid factor' },
    });
    expect(edited).toMatchObject({ status: 200 });

    const published = await api.request('POST', '/admin/v1/methodologies/bus/versions/3/publish', {
      token: admin,
    });
    expect(published).toMatchObject({ status: 200, body: { status: 'published' } });
    const locked = await api.request('PATCH', '/admin/v1/methodologies/bus/versions/3', {
      token: admin,
      body: { params },
    });
    expect(locked).toMatchObject({ status: 409, body: { code: 'VERSION_IMMUTABLE' } });

    const { token } = await api.login('bus-rider');
    const after = await submit(token, 'bus', trip(effective + DAY, 20, 10_000));
    const beforeStart = effective - DAY;
    const before = await submit(token, 'bus', trip(beforeStart, 20, 10_000));
    // 0.85 × 0.055 × 677.6 + 0.15 × 40.05 = 37.6853; 43.297 − 37.6853 = 5.6117 g/pkm → 56 g
    expect(await finished(token, after.body.id)).toMatchObject({
      status: 'settled',
      grams: '56',
      methodologyVersion: 3,
    });
    // Before it: bus@2 (75 g) from 2026-12-01 CST, bus@1 (26.9 g/pkm, 269 g) before that.
    const inForceBefore =
      beforeStart >= Date.parse(busV2Seed.effectiveFrom)
        ? { version: 2, grams: '75' }
        : { version: 1, grams: '269' };
    expect(await finished(token, before.body.id)).toMatchObject({
      status: 'settled',
      grams: inForceBefore.grams,
      methodologyVersion: inForceBefore.version,
    });

    const auditAfter = await api.request<{
      methodologyVersion: { version: number; resolvedParams: BusParams };
      trace: { step: string; value: string }[];
      result: { grams: string };
      postings: Record<string, unknown>[];
    }>('GET', `/admin/v1/actions/${after.body.id}/audit`, { token: auditor });
    expect(auditAfter.status).toBe(200);
    expect(auditAfter.body.methodologyVersion).toMatchObject({
      version: 3,
      resolvedParams: { components: { project: { electric: { gridFactor: { value: '0.6776' } } } } },
    });
    expect(auditAfter.body.trace).toContainEqual(
      expect.objectContaining({ step: 'project.electric.grid', value: '0.6776' }),
    );
    expect(auditAfter.body.trace).toContainEqual(
      expect.objectContaining({ step: 'factor.net', value: '5.6117' }),
    );
    expect(auditAfter.body.result.grams).toBe('56');
    // The postings read like every other answer: camelCase, bigints as strings.
    expect(auditAfter.body.postings.length).toBeGreaterThan(0);
    for (const posting of auditAfter.body.postings)
      expect(Object.keys(posting).sort()).toEqual(
        ['accountVersion', 'amount', 'asset', 'balanceAfter', 'id', 'idempotencyKey', 'kind', 'owner'].sort(),
      );
    expect(auditAfter.body.postings).toContainEqual(
      expect.objectContaining({ kind: 'citizen_carbon', amount: '56', balanceAfter: expect.any(String) }),
    );
    const auditBefore = await api.request<{ methodologyVersion: { version: number } }>(
      'GET',
      `/admin/v1/actions/${before.body.id}/audit`,
      { token: admin },
    );
    expect(auditBefore.body.methodologyVersion).toMatchObject({ version: inForceBefore.version });
  });

  it('says where each version stands today: in force, scheduled, superseded, withdrawn, draft', async () => {
    const id = 'clothes-recycling';
    const publish = async (effectiveFrom: number) => {
      const draft = await api.request<{ version: number }>('POST', `/admin/v1/methodologies/${id}/drafts`, {
        token: admin,
        body: { effectiveFrom: iso(effectiveFrom) },
      });
      await api.request('POST', `/admin/v1/methodologies/${id}/versions/${draft.body.version}/publish`, {
        token: admin,
      });
      return draft.body.version;
    };
    const standings = async () => {
      const { body } = await api.request<
        { id: string; versions: { version: number; standing: string; supersededBy: number | null }[] }[]
      >('GET', '/admin/v1/methodologies', { token: auditor });
      return body
        .find((m) => m.id === id)!
        .versions.map((v) => ({ version: v.version, standing: v.standing, supersededBy: v.supersededBy }));
    };
    const current = await publish(Date.now() - DAY);
    const scheduled = await publish(Date.now() + 5 * DAY);
    const draft = await api.request<{ version: number; standing: string }>(
      'POST',
      `/admin/v1/methodologies/${id}/drafts`,
      { token: admin, body: {} },
    );
    expect(draft.body.standing).toBe('draft');
    expect(await standings()).toEqual([
      { version: 1, standing: 'superseded', supersededBy: current },
      { version: current, standing: 'in-force', supersededBy: null },
      { version: scheduled, standing: 'scheduled', supersededBy: null },
      { version: draft.body.version, standing: 'draft', supersededBy: null },
    ]);

    await api.request('POST', `/admin/v1/methodologies/${id}/versions/${current}/retire`, { token: admin });
    const one = await api.request<{ standing: string }>('GET', `/admin/v1/methodologies/${id}/versions/1`, {
      token: auditor,
    });
    expect(one.body.standing).toBe('in-force');
    expect((await standings())[1]).toEqual({ version: current, standing: 'withdrawn', supersededBy: null });
  });

  it("publishes each module's parameters as JSON Schema with Chinese titles", async () => {
    interface Node {
      properties: Record<string, Node & Record<string, unknown>>;
    }
    const response = await api.request<{ moduleVersion: number; schema: Node }>(
      'GET',
      '/admin/v1/methodologies/bus/modules/1/params-schema',
      { token: auditor },
    );
    expect(response.status).toBe(200);
    const { properties } = response.body.schema;
    expect(properties.factor).toMatchObject({
      title: '减排因子',
      type: 'object',
      required: ['value', 'unit', 'source', 'vintage'],
      properties: { value: { title: '数值', type: 'string' }, vintage: { title: '数据年份', minimum: 1990 } },
    });
    expect(properties.caps.properties.perDayG).toMatchObject({
      title: '每日上限（克）',
      anyOf: [{ type: 'integer' }, { type: 'null' }],
    });
    const missing = await api.request('GET', '/admin/v1/methodologies/bus/modules/99/params-schema', {
      token: auditor,
    });
    expect(missing).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    const unknown = await api.request('GET', '/admin/v1/methodologies/tram/modules/1/params-schema', {
      token: auditor,
    });
    expect(unknown.body).toMatchObject({ code: 'METHODOLOGY_UNKNOWN' });
  });

  it('refuses invalid parameters in a draft with the field named, and unknown factor references', async () => {
    type MetroParams = {
      components: { project: { electric: { kWhPerPkm: { value: string }; gridFactor: unknown } } };
    };
    const draft = await api.request<{ version: number; params: MetroParams }>(
      'POST',
      '/admin/v1/methodologies/metro/drafts',
      { token: admin, body: {} },
    );
    const badParams = structuredClone(draft.body.params);
    badParams.components.project.electric.kWhPerPkm.value = 'forty';
    const bad = await api.request<{ code: string; details: { fields: { field: string }[] } }>(
      'PATCH',
      `/admin/v1/methodologies/metro/versions/${draft.body.version}`,
      { token: admin, body: { params: badParams } },
    );
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('PARAMS_INVALID');
    expect(bad.body.details.fields.map((f) => f.field)).toContain(
      'params.components.project.electric.kWhPerPkm.value',
    );

    const marsParams = structuredClone(draft.body.params);
    marsParams.components.project.electric.gridFactor = { $factor: 'grid/mars/2023' };
    const unknownFactor = await api.request(
      'PATCH',
      `/admin/v1/methodologies/metro/versions/${draft.body.version}`,
      { token: admin, body: { params: marsParams } },
    );
    expect(unknownFactor).toMatchObject({
      status: 422,
      body: { code: 'PARAMS_INVALID', details: { factor: 'grid/mars/2023' } },
    });

    const stillDraft = await api.request(
      'GET',
      `/admin/v1/methodologies/metro/versions/${draft.body.version}`,
      { token: admin },
    );
    expect(stillDraft.body).toMatchObject({
      status: 'draft',
      params: { components: { project: { electric: { kWhPerPkm: { value: '0.05' } } } } },
    });
  });

  it('dry-runs an input against any version and writes nothing', async () => {
    const [{ n: before }] = await env.query<{ n: string }>(`SELECT count(*) AS n FROM actions`);
    const run = await api.request('POST', '/admin/v1/methodologies/cycling/versions/1/dry-run', {
      token: auditor,
      body: {
        data: {
          mode: 'bike',
          distanceM: 5000,
          startedAt: '2025-06-01T08:00:00+08:00',
          endedAt: '2025-06-01T08:20:00+08:00',
        },
      },
    });
    expect(run).toMatchObject({
      status: 200,
      body: { outcome: 'quantified', grams: '169', points: '169', version: 1 },
    });
    const implausible = await api.request('POST', '/admin/v1/methodologies/cycling/versions/1/dry-run', {
      token: auditor,
      body: {
        data: {
          mode: 'bike',
          distanceM: 20000,
          startedAt: '2025-06-01T08:00:00+08:00',
          endedAt: '2025-06-01T08:10:00+08:00',
        },
      },
    });
    expect(implausible.body).toMatchObject({ outcome: 'rejected', reason: 'SPEED_IMPLAUSIBLE' });
    const [{ n: after }] = await env.query<{ n: string }>(`SELECT count(*) AS n FROM actions`);
    expect(after).toBe(before);
  });

  it('lets an auditor read but change nothing, and keeps citizens out entirely', async () => {
    const { token: citizen } = await api.login('curious-citizen');
    for (const [method, url, body] of [
      ['POST', '/admin/v1/methodologies/cycling/drafts', {}],
      ['PATCH', '/admin/v1/methodologies/cycling/versions/1', { source: 'x' }],
      ['POST', '/admin/v1/methodologies/cycling/versions/1/publish', undefined],
      ['POST', '/admin/v1/methodologies/cycling/versions/1/retire', undefined],
    ] as const) {
      const asAuditor = await api.request(method, url, { token: auditor, body });
      expect(asAuditor).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
      const asCitizen = await api.request(method, url, { token: citizen, body });
      expect(asCitizen).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    }
    expect(await api.request('GET', '/admin/v1/methodologies', { token: citizen })).toMatchObject({
      status: 403,
    });
    expect(await api.request('GET', '/admin/v1/methodologies')).toMatchObject({
      status: 401,
      body: { code: 'AUTH_REQUIRED' },
    });
    expect(await api.request('GET', '/v1/me/account', { token: admin })).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    const cycling = await api.request<{ versions: { version: number; status: string }[] }[]>(
      'GET',
      '/admin/v1/methodologies',
      { token: auditor },
    );
    expect(cycling.status).toBe(200);
  });

  it('stops using a retired version', async () => {
    const effective = Date.now() - 40 * DAY;
    const draft = await api.request<{ version: number }>('POST', '/admin/v1/methodologies/walking/drafts', {
      token: admin,
      body: { effectiveFrom: iso(effective) },
    });
    await api.request('POST', `/admin/v1/methodologies/walking/versions/${draft.body.version}/publish`, {
      token: admin,
    });
    await api.request('POST', `/admin/v1/methodologies/walking/versions/${draft.body.version}/retire`, {
      token: admin,
    });
    const again = await api.request(
      'POST',
      `/admin/v1/methodologies/walking/versions/${draft.body.version}/retire`,
      { token: admin },
    );
    expect(again).toMatchObject({ status: 409, body: { code: 'VERSION_IMMUTABLE' } });
    const { token } = await api.login('walker-retired');
    const date = iso(Date.now() - 3 * DAY).slice(0, 10);
    const action = await submit(token, 'walking', { date, steps: 5000 });
    expect(await finished(token, action.body.id)).toMatchObject({
      status: 'settled',
      methodologyVersion: 1,
      grams: '100',
    });
  });
});

describe('caps, duplicates and the review queue', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let admin: string;

  beforeAll(async () => {
    stack = await TestStack.start({ admin: true });
    ({ env, api, admin } = stack);
  });

  afterAll(() => stack?.stop());

  const view = (token: string, id: string) =>
    api.request<ActionView>('GET', `/v1/me/actions/${id}`, { token });
  const finished = (token: string, id: string, statuses = ['settled', 'rejected', 'review']) =>
    eventually(async () => {
      const { body } = await view(token, id);
      return statuses.includes(body.status) ? body : undefined;
    });
  const submit = (token: string, methodology: string, data: Record<string, unknown>) =>
    api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: { methodology, data },
      headers: { 'idempotency-key': idempotencyKey() },
    });
  const account = async (token: string) =>
    (await api.request<{ grams: string; points: string }>('GET', '/v1/me/account', { token })).body;

  it('credits a day only up to the daily cap and records what was above it', async () => {
    const { token } = await api.login('long-rider');
    // 15 km by bike = floor(15 × 33.88) = 508 g each; the daily cap is 1,500 g.
    const day = new Date(Date.now() - 5 * DAY);
    day.setUTCHours(0, 0, 0, 0); // 08:00 in China Standard Time: all four trips fall on one local day
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const start = day.getTime() + i * 2 * 3_600_000;
      const r = await submit(token, 'cycling', {
        mode: 'bike',
        distanceM: 15_000,
        startedAt: iso(start),
        endedAt: iso(start + 60 * 60_000),
      });
      ids.push(r.body.id);
    }
    const results = [];
    for (const id of ids) results.push(await finished(token, id));
    expect(results.map((r) => [r.status, r.requestedGrams, r.grams, r.capApplied])).toEqual([
      ['settled', '508', '508', null],
      ['settled', '508', '508', null],
      ['settled', '508', '484', 'perDay'],
      ['settled', '508', '0', 'perDay'],
    ]);
    expect(await account(token)).toEqual(expect.objectContaining({ grams: '1500', points: '1500' }));
  });

  it('credits the same real-world event once', async () => {
    const { token } = await api.login('double-walker');
    const date = iso(Date.now() - 2 * DAY).slice(0, 10);
    const first = await submit(token, 'walking', { date, steps: 10_000 });
    expect(await finished(token, first.body.id)).toMatchObject({ status: 'settled', grams: '200' });
    const second = await submit(token, 'walking', { date, steps: 12_000 });
    expect(await finished(token, second.body.id)).toMatchObject({
      status: 'rejected',
      reasonCode: 'DUPLICATE_EVENT',
      grams: null,
    });
    expect(await account(token)).toEqual(expect.objectContaining({ grams: '200' }));
  });

  it('holds self-reported actions for review when the version says so; approval settles once, rejection credits nothing', async () => {
    // A new cycling version sends self-reported trips to review from a date on.
    const effective = Date.now() - 20 * DAY;
    const draft = await api.request<{ version: number; params: { selfReported: Record<string, unknown> } }>(
      'POST',
      '/admin/v1/methodologies/cycling/drafts',
      {
        token: admin,
        body: { effectiveFrom: iso(effective) },
      },
    );
    await api.request('PATCH', `/admin/v1/methodologies/cycling/versions/${draft.body.version}`, {
      token: admin,
      body: {
        params: { ...draft.body.params, selfReported: { accepted: true, review: true, perDayCapG: null } },
      },
    });
    expect(
      await api.request('POST', `/admin/v1/methodologies/cycling/versions/${draft.body.version}/publish`, {
        token: admin,
      }),
    ).toMatchObject({ status: 200 });

    const { token } = await api.login('reviewed-rider');
    const start = Date.now() - 3 * DAY;
    const approved = await submit(token, 'cycling', {
      mode: 'bike',
      distanceM: 5000,
      startedAt: iso(start),
      endedAt: iso(start + 20 * 60_000),
    });
    const refused = await submit(token, 'cycling', {
      mode: 'bike',
      distanceM: 6000,
      startedAt: iso(start + 3_600_000),
      endedAt: iso(start + 3_600_000 + 25 * 60_000),
    });
    expect(await finished(token, approved.body.id)).toMatchObject({ status: 'review', grams: '169' });
    expect(await finished(token, refused.body.id)).toMatchObject({ status: 'review', grams: '203' });
    expect(await account(token)).toEqual(expect.objectContaining({ grams: '0', points: '0' }));

    const queue = await api.request<{ items: { actionId: string }[] }>('GET', '/admin/v1/reviews', {
      token: admin,
    });
    expect(queue.body.items.map((i) => i.actionId)).toEqual(
      expect.arrayContaining([approved.body.id, refused.body.id]),
    );

    // The wake-up that sent the action to review may still be active when the approval comes (its
    // drain runs on); a job holding that id must not swallow the approval's own wake-up.
    const actionsQueue = new Queue('actions', {
      prefix: env.queuePrefix,
      connection: { url: env.env().REDIS_URL },
    });
    await actionsQueue.add(
      'action.received',
      { actionId: approved.body.id },
      {
        jobId: jobId.actionReceived(approved.body.id),
        delay: 10 * 60_000,
      },
    );
    await actionsQueue.close();
    // And another transaction holds the row when the wake-up comes (as a second approval racing this
    // one does for an instant): the worker's claim skips it, and must come back for it by itself,
    // well before the sweeper's next round (a minute here).
    const holder = new pg.Client({ connectionString: env.env().DATABASE_URL });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM actions WHERE id = $1 FOR KEY SHARE`, [approved.body.id]);

    const decisions = await Promise.all(
      [1, 2, 3].map(() =>
        api.request('POST', `/admin/v1/reviews/${approved.body.id}/approve`, {
          token: admin,
          body: { note: 'ticket matches' },
        }),
      ),
    );
    expect(decisions.map((d) => d.status).sort()).toEqual([200, 409, 409]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await view(token, approved.body.id)).body).toMatchObject({ status: 'quantified' });
    await holder.query('COMMIT');
    await holder.end();
    expect(await finished(token, approved.body.id, ['settled'])).toMatchObject({
      status: 'settled',
      grams: '169',
    });

    const rejection = await api.request('POST', `/admin/v1/reviews/${refused.body.id}/reject`, {
      token: admin,
      body: { reason: 'EVIDENCE_INSUFFICIENT' },
    });
    expect(rejection).toMatchObject({ status: 200, body: { status: 'rejected' } });
    expect(
      await api.request('POST', `/admin/v1/reviews/${refused.body.id}/approve`, { token: admin, body: {} }),
    ).toMatchObject({ status: 409, body: { code: 'REVIEW_ALREADY_DECIDED' } });
    expect((await view(token, refused.body.id)).body).toMatchObject({
      status: 'rejected',
      reasonCode: 'EVIDENCE_INSUFFICIENT',
    });

    expect(await account(token)).toEqual(expect.objectContaining({ grams: '169', points: '169' }));
    const postings = await env.query(`SELECT id FROM ledger_postings WHERE cause_id = ANY($1)`, [
      [approved.body.id, refused.body.id],
    ]);
    expect(postings).toHaveLength(1);
    const after = await api.request<{ items: { actionId: string }[] }>('GET', '/admin/v1/reviews', {
      token: admin,
    });
    expect(after.body.items.map((i) => i.actionId)).not.toContain(approved.body.id);
  });
});
