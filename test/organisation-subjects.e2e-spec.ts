import { API_ERROR_SENTENCES_ZH } from '@app/contracts';
import type { TestEnvironment } from './support/environment.js';
import { acrossMigration } from './support/migrations.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { signedHeaders, type PartnerKey } from './support/partner-requests.js';
import { idempotencyKey } from './support/trips.js';

const BUSINESS_CODE = '91370100MA3C5N6R26';
const INSTITUTION_CODE = '12370800004329876B';

/** The first day of the month `back` months before this one, as YYYY-MM-DD (China time is close enough). */
function monthStart(back: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 10);
}
const MONTH = monthStart(2);
const day = (n: number) => `${MONTH.slice(0, 8)}${String(n).padStart(2, '0')}`;

/** 300 kWh over a week on a 10 kW installation: 300 × 636.1 g = 190,830 g (any month has days 1–28). */
const pv = (meterSerial: string, from: number) => ({
  methodology: 'rooftop-pv',
  data: {
    meterSerial,
    periodStart: day(from),
    periodEnd: day(from + 6),
    meteredKWh: '300',
    installedKW: '10',
  },
});
const MONTH_CAP = 300_000;

interface ActionRow {
  status: string;
  reason_code: string | null;
  grams: string | null;
  cap_applied: string | null;
}

/**
 * Issue 15 follow-up: an organisation's action is the organisation's alone. Its caps and duplicate
 * claims are the organisation's (whichever member submits), it uses up no member's own caps, it is not
 * in any member's history or counted as an active citizen, and a partner's push needs no member.
 */
describe('the organisation is the subject of its actions', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let admin: string;
  let organisationId: string;
  let first: { token: string; citizenId: string };
  let second: { token: string; citizenId: string };

  const row = async (id: string) =>
    eventually(async () => {
      const [a] = await env.query<ActionRow>(
        `SELECT status, reason_code, grams::text, cap_applied FROM actions WHERE id = $1`,
        [id],
      );
      return ['settled', 'rejected', 'review'].includes(a.status) ? a : undefined;
    });
  const submitForOrganisation = async (token: string, body: unknown) => {
    const response = await api.request<{ id: string }>('POST', `/v1/org/${organisationId}/actions`, {
      token,
      body,
      headers: { 'idempotency-key': idempotencyKey('org') },
    });
    expect(response.status).toBe(202);
    return response.body.id;
  };

  beforeAll(async () => {
    stack = await TestStack.start({ admin: true });
    ({ env, api, admin } = stack);
    // A rooftop PV version with a monthly cap, credited without review, in force for the test month.
    const draft = await api.request<{ version: number; params: Record<string, unknown> }>(
      'POST',
      '/admin/v1/methodologies/rooftop-pv/drafts',
      { token: admin, body: { effectiveFrom: `${monthStart(3)}T00:00:00+08:00` } },
    );
    expect(draft.status).toBe(201);
    const patched = await api.request(
      'PATCH',
      `/admin/v1/methodologies/rooftop-pv/versions/${draft.body.version}`,
      {
        token: admin,
        body: {
          params: {
            ...draft.body.params,
            caps: { perActionG: null, perDayG: null, perMonthG: MONTH_CAP },
            selfReported: { accepted: true, review: false, perDayCapG: null },
          },
        },
      },
    );
    expect(patched.status).toBe(200);
    const published = await api.request(
      'POST',
      `/admin/v1/methodologies/rooftop-pv/versions/${draft.body.version}/publish`,
      { token: admin },
    );
    expect(published.status).toBe(200);

    const created = await api.request<{ id: string }>('POST', '/admin/v1/organisations', {
      token: admin,
      body: {
        name: '章丘某某食品有限公司',
        creditCode: BUSINESS_CODE,
        districtCode: '370114',
        kind: 'small-business',
      },
    });
    organisationId = created.body.id;
    first = await api.login('org-first', '370114');
    second = await api.login('org-second', '370114');
    for (const [member, role] of [
      [first, 'manager'],
      [second, 'member'],
    ] as const) {
      const added = await api.request('POST', `/admin/v1/organisations/${organisationId}/members`, {
        token: admin,
        body: { citizenId: member.citizenId, role },
      });
      expect(added.status).toBe(200);
    }
  });

  afterAll(() => stack?.stop());

  let firstOrganisationAction: string;

  it("records a member's submission with the organisation as its only subject", async () => {
    firstOrganisationAction = await submitForOrganisation(first.token, pv('PV-ORG-A', 1));
    expect(await row(firstOrganisationAction)).toMatchObject({ status: 'settled', grams: '190830' });
    const [stored] = await env.query(
      `SELECT citizen_id, organisation_id, submitted_by FROM actions WHERE id = $1`,
      [firstOrganisationAction],
    );
    expect(stored).toEqual({
      citizen_id: null,
      organisation_id: organisationId,
      submitted_by: first.citizenId,
    });
  });

  it("takes another member's report of the same meter period as a duplicate of the organisation's own", async () => {
    const again = await submitForOrganisation(second.token, pv('PV-ORG-A', 1));
    expect(await row(again)).toMatchObject({ status: 'rejected', reason_code: 'DUPLICATE_EVENT' });
  });

  it("counts every member's submissions against the organisation's monthly cap", async () => {
    const other = await submitForOrganisation(second.token, pv('PV-ORG-B', 8));
    expect(await row(other)).toEqual({
      status: 'settled',
      reason_code: null,
      grams: String(MONTH_CAP - 190_830),
      cap_applied: 'perMonth',
    });
  });

  let personal: string;

  it("leaves a member's own caps untouched by the organisation's actions", async () => {
    const response = await api.request<{ id: string }>('POST', '/v1/actions', {
      token: first.token,
      body: pv('PV-HOME-C', 8),
      headers: { 'idempotency-key': idempotencyKey('home') },
    });
    expect(response.status).toBe(202);
    personal = response.body.id;
    expect(await row(personal)).toEqual({
      status: 'settled',
      reason_code: null,
      grams: '190830',
      cap_applied: null,
    });
    expect(await env.balances(first.citizenId)).toMatchObject({ citizen_carbon: '190830' });
  });

  it("keeps organisation actions out of the members' own history", async () => {
    const mine = await api.request<{ items: { id: string }[] }>('GET', '/v1/me/actions', {
      token: first.token,
    });
    expect(mine.body.items.map((a) => a.id)).toEqual([personal]);
    const theirs = await api.request<{ items: unknown[] }>('GET', '/v1/me/actions', { token: second.token });
    expect(theirs.body.items).toEqual([]);
    const forbidden = await api.request('GET', `/v1/me/actions/${firstOrganisationAction}`, {
      token: first.token,
    });
    expect(forbidden.status).toBe(404);
  });

  it('counts only citizens acting for themselves as active citizens', async () => {
    const report = await api.request<{ rows: { activeCitizens: number; actions: number }[] }>(
      'GET',
      `/admin/v1/reports/citizens?from=${day(1)}&to=${day(28)}&granularity=month`,
      { token: admin },
    );
    expect(report.status).toBe(200);
    expect(report.body.rows).toEqual([expect.objectContaining({ activeCitizens: 1 })]);
  });

  it("records a partner's push without any citizen, for an organisation that has no member", async () => {
    const institution = await api.request<{ id: string }>('POST', '/admin/v1/organisations', {
      token: admin,
      body: {
        name: '济宁市机关事务服务中心',
        creditCode: INSTITUTION_CODE,
        districtCode: '370800',
        kind: 'public-institution',
      },
    });
    await api.request('POST', '/admin/v1/partners', {
      token: admin,
      body: {
        id: 'state-grid',
        displayName: '国网济宁供电公司',
        kinds: ['data-provider'],
        methodologies: ['rooftop-pv'],
      },
    });
    const key = (
      await api.request<PartnerKey>('POST', '/admin/v1/partners/state-grid/keys', { token: admin })
    ).body;
    await api.request('POST', `/admin/v1/organisations/${institution.body.id}/partners`, {
      token: admin,
      body: { partnerId: 'state-grid' },
    });
    const path = '/partner/v1/organisation-actions:batch';
    const rawBody = JSON.stringify({
      actions: [{ eventId: 'pv-1', creditCode: INSTITUTION_CODE, ...pv('PV-INST', 1) }],
    });
    const pushed = await api.request<{ results: { status: string; actionId: string }[] }>('POST', path, {
      rawBody,
      headers: { ...signedHeaders(key, 'POST', path, rawBody), 'idempotency-key': idempotencyKey('push') },
    });
    expect(pushed.body.results).toEqual([expect.objectContaining({ status: 'accepted' })]);
    const id = pushed.body.results[0].actionId;
    expect(await row(id)).toMatchObject({ status: 'settled', grams: '190830' });
    const [stored] = await env.query(
      `SELECT citizen_id, organisation_id, submitted_by FROM actions WHERE id = $1`,
      [id],
    );
    expect(stored).toEqual({ citizen_id: null, organisation_id: institution.body.id, submitted_by: null });
    expect(await env.balances(institution.body.id)).toEqual({ organisation_carbon: '190830' });
  });

  it('refuses an action with both subjects, or none, in the database itself', async () => {
    const [template] = await env.query<{ id: string }>(`SELECT id FROM actions WHERE id = $1`, [personal]);
    const copy = (set: string) =>
      env.query(
        `INSERT INTO actions (citizen_id, organisation_id, district_code, methodology_id, source, idempotency_scope,
                              idempotency_key, request_hash, payload, occurred_at)
         SELECT ${set}, district_code, methodology_id, source, idempotency_scope, idempotency_key || '-copy',
                request_hash, payload, occurred_at FROM actions WHERE id = $1`,
        [template.id],
      );
    await expect(copy(`citizen_id, '${organisationId}'::uuid`)).rejects.toThrow(/actions_one_subject/);
    await expect(copy(`NULL::uuid, NULL::uuid`)).rejects.toThrow(/actions_one_subject/);
  });

  it('removes a member, who can then no longer act for it, and re-adds them, keeping the history', async () => {
    const removed = await api.request<{ removedAt: string | null }>(
      'DELETE',
      `/admin/v1/organisations/${organisationId}/members/${second.citizenId}`,
      { token: admin },
    );
    expect(removed).toMatchObject({
      status: 200,
      body: { citizenId: second.citizenId, removedAt: expect.any(String) },
    });
    expect(
      await api.request('DELETE', `/admin/v1/organisations/${organisationId}/members/${second.citizenId}`, {
        token: admin,
      }),
    ).toMatchObject({ status: 404, body: { code: 'ORGANISATION_MEMBER_NOT_FOUND' } });
    const detail = await api.request<{ members: number }>(
      'GET',
      `/admin/v1/organisations/${organisationId}`,
      {
        token: admin,
      },
    );
    expect(detail.body.members).toBe(1);

    const before = (await env.query(`SELECT id FROM actions`)).length;
    const refused = await api.request('POST', `/v1/org/${organisationId}/actions`, {
      token: second.token,
      body: pv('PV-ORG-D', 15),
      headers: { 'idempotency-key': idempotencyKey('removed') },
    });
    expect(refused).toMatchObject({ status: 403, body: { code: 'ORGANISATION_MEMBER_REMOVED' } });
    expect(API_ERROR_SENTENCES_ZH.ORGANISATION_MEMBER_REMOVED).toMatch(/移出/);
    for (const path of ['actions', 'record']) {
      expect(
        await api.request('GET', `/v1/org/${organisationId}/${path}`, { token: second.token }),
      ).toMatchObject({ status: 403, body: { code: 'ORGANISATION_MEMBER_REMOVED' } });
    }
    expect((await api.request('GET', '/v1/org', { token: second.token })).body).toEqual([]);
    expect((await env.query(`SELECT id FROM actions`)).length).toBe(before);

    const readded = await api.request('POST', `/admin/v1/organisations/${organisationId}/members`, {
      token: admin,
      body: { citizenId: second.citizenId, role: 'manager' },
    });
    expect(readded).toMatchObject({ status: 200, body: { role: 'manager', removedAt: null } });
    const id = await submitForOrganisation(second.token, pv('PV-ORG-D', 15));
    expect(await row(id)).toMatchObject({ status: 'settled', reason_code: null });

    const history = await api.request<{ citizenId: string; event: string; role: string }[]>(
      'GET',
      `/admin/v1/organisations/${organisationId}/member-events`,
      { token: admin },
    );
    expect(history.body.map((e) => [e.citizenId, e.event, e.role])).toEqual([
      [first.citizenId, 'added', 'manager'],
      [second.citizenId, 'added', 'member'],
      [second.citizenId, 'removed', 'member'],
      [second.citizenId, 're-added', 'manager'],
    ]);
    await expect(env.query(`DELETE FROM organisation_member_events`)).rejects.toThrow();
  });

  it('leaves the ledger reconciled', async () => {
    const report = await api.request<{ violations: unknown[] }>('GET', '/admin/v1/ledger/reconcile', {
      token: admin,
    });
    expect(report.body.violations).toEqual([]);
  });

  it('converts organisation actions stored the old way (a citizen on each) and back again', async () => {
    const subjects = () =>
      env.query<{
        id: string;
        citizen_id: string | null;
        organisation_id: string | null;
        submitted_by: string | null;
      }>(`SELECT id, citizen_id, organisation_id, submitted_by FROM actions ORDER BY id`);
    const live = await subjects();
    const [pushed] = await env.query<{ id: string; organisation_id: string }>(
      `SELECT id, organisation_id FROM actions WHERE source LIKE 'partner:%'`,
    );
    // Going back needs a member to carry the institution's pushed action, as the old schema did.
    const keeper = await api.login('institution-keeper', '370800');
    await api.request('POST', `/admin/v1/organisations/${pushed.organisation_id}/members`, {
      token: admin,
      body: { citizenId: keeper.citizenId, role: 'manager' },
    });
    await acrossMigration(stack, 'OrganisationActionSubjects1765310000000', async () => {
      const old = await env.query<{ id: string; citizen_id: string }>(
        `SELECT id, citizen_id FROM actions WHERE id = ANY($1::uuid[])`,
        [[firstOrganisationAction, pushed.id]],
      );
      expect(Object.fromEntries(old.map((r) => [r.id, r.citizen_id]))).toEqual({
        [firstOrganisationAction]: first.citizenId,
        [pushed.id]: keeper.citizenId,
      });
    });
    expect(await subjects()).toEqual(live);
  });
});
