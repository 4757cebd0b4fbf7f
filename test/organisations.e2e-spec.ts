import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { signedHeaders, type PartnerKey } from './support/partner-requests.js';
import { idempotencyKey } from './support/trips.js';

// Valid 统一社会信用代码 (check characters computed by GB 32100's rule), and one with a wrong check character.
const BUSINESS_CODE = '91370100MA3C5N6R26';
const INSTITUTION_CODE = '12370800004329876B';
const WRONG_CHECK = '91370100MA3C5N6R27';

const PV = {
  methodology: 'rooftop-pv',
  data: {
    meterSerial: 'PV-ORG-0001',
    periodStart: '2025-06-01',
    periodEnd: '2025-06-30',
    meteredKWh: '1000',
    installedKW: '10',
  },
};

interface Organisation {
  id: string;
  status: string;
  members: number;
  disabledAt: string | null;
}

/** Issue 15: organisation accounts — the bureau's registry, members acting for them, the ledger. */
describe('organisation accounts', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let admin: string;
  let business: Organisation;
  let member: { token: string; citizenId: string };
  let outsider: { token: string; citizenId: string };

  const count = async (sql: string) => (await env.query(sql)).length;

  beforeAll(async () => {
    stack = await TestStack.start({ admin: true, auditor: true });
    ({ env, api, admin } = stack);
    member = await api.login('org-member', '370114');
    outsider = await api.login('org-outsider', '370114');
  });

  afterAll(() => stack?.stop());

  describe('the registry (/admin/v1/organisations)', () => {
    it('registers a small business with a valid credit code', async () => {
      const response = await api.request<Organisation>('POST', '/admin/v1/organisations', {
        token: admin,
        body: {
          name: '章丘某某食品有限公司',
          creditCode: BUSINESS_CODE,
          districtCode: '370114',
          kind: 'small-business',
        },
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        name: '章丘某某食品有限公司',
        creditCode: BUSINESS_CODE,
        districtCode: '370114',
        districtName: '章丘区',
        kind: 'small-business',
        status: 'active',
        members: 0,
        createdAt: expect.stringMatching(/^\d{4}-/),
        disabledAt: null,
      });
      business = response.body;
    });

    it.each([
      [{ creditCode: WRONG_CHECK }, 400, 'CREDIT_CODE_INVALID'],
      [{ creditCode: 'not-a-code' }, 400, 'VALIDATION_FAILED'],
      [{ districtCode: '110101' }, 400, 'DISTRICT_UNKNOWN'],
      [{ kind: 'household' }, 400, 'VALIDATION_FAILED'],
      [{ creditCode: BUSINESS_CODE }, 409, 'ORGANISATION_EXISTS'],
    ])('refuses %j with its code and writes nothing', async (change, status, code) => {
      const before = await count('SELECT id FROM organisations');
      const response = await api.request('POST', '/admin/v1/organisations', {
        token: admin,
        body: {
          name: '另一家单位',
          creditCode: INSTITUTION_CODE,
          districtCode: '370800',
          kind: 'public-institution',
          ...change,
        },
      });
      expect(response).toMatchObject({ status, body: { code } });
      expect(await count('SELECT id FROM organisations')).toBe(before);
    });

    it('lets an auditor read but not register', async () => {
      const refused = await api.request('POST', '/admin/v1/organisations', {
        token: stack.auditor,
        body: {
          name: '审计员',
          creditCode: INSTITUTION_CODE,
          districtCode: '370800',
          kind: 'public-institution',
        },
      });
      expect(refused.status).toBe(403);
      const list = await api.request<Organisation[]>('GET', '/admin/v1/organisations', {
        token: stack.auditor,
      });
      expect(list.status).toBe(200);
      expect(list.body.map((o) => o.id)).toEqual([business.id]);
    });

    it('filters the list and answers an unknown or malformed id', async () => {
      const institutions = await api.request<Organisation[]>(
        'GET',
        '/admin/v1/organisations?kind=public-institution',
        { token: admin },
      );
      expect(institutions.body).toEqual([]);
      expect(
        await api.request('GET', '/admin/v1/organisations/0b7e1a52-3c1f-4d8e-9a65-2f1c9d3e8b47', {
          token: admin,
        }),
      ).toMatchObject({ status: 404, body: { code: 'ORGANISATION_NOT_FOUND' } });
      expect(await api.request('GET', '/admin/v1/organisations/nope', { token: admin })).toMatchObject({
        status: 400,
        body: { code: 'VALIDATION_FAILED' },
      });
    });

    it('adds a citizen as a member; an unknown citizen is refused and nothing is written', async () => {
      const unknown = await api.request('POST', `/admin/v1/organisations/${business.id}/members`, {
        token: admin,
        body: { citizenId: '0b7e1a52-3c1f-4d8e-9a65-2f1c9d3e8b47', role: 'member' },
      });
      expect(unknown).toMatchObject({ status: 404, body: { code: 'CITIZEN_NOT_FOUND' } });
      expect(await count('SELECT 1 FROM organisation_members')).toBe(0);

      const added = await api.request('POST', `/admin/v1/organisations/${business.id}/members`, {
        token: admin,
        body: { citizenId: member.citizenId, role: 'manager' },
      });
      expect(added).toMatchObject({
        status: 200,
        body: { organisationId: business.id, citizenId: member.citizenId, role: 'manager' },
      });
      const detail = await api.request<{ members: number; memberList: { citizenId: string }[] }>(
        'GET',
        `/admin/v1/organisations/${business.id}`,
        { token: admin },
      );
      expect(detail.body.members).toBe(1);
      expect(detail.body.memberList.map((m) => m.citizenId)).toEqual([member.citizenId]);
    });
  });

  describe('a member acting for it (/v1/org)', () => {
    let actionId: string;
    const key = idempotencyKey('org-pv');

    it('lists the organisations the citizen acts for', async () => {
      const mine = await api.request<{ organisation: { id: string }; role: string }[]>('GET', '/v1/org', {
        token: member.token,
      });
      expect(mine.body).toEqual([
        { organisation: expect.objectContaining({ id: business.id }), role: 'manager' },
      ]);
      expect((await api.request('GET', '/v1/org', { token: outsider.token })).body).toEqual([]);
    });

    it('refuses a non-member, a personal methodology and bad input, writing nothing', async () => {
      const before = await count('SELECT id FROM actions');
      const asOutsider = await api.request('POST', `/v1/org/${business.id}/actions`, {
        token: outsider.token,
        body: PV,
        headers: { 'idempotency-key': idempotencyKey() },
      });
      expect(asOutsider).toMatchObject({ status: 404, body: { code: 'ORGANISATION_NOT_FOUND' } });
      for (const path of ['actions', 'record']) {
        expect(
          await api.request('GET', `/v1/org/${business.id}/${path}`, { token: outsider.token }),
        ).toMatchObject({ status: 404, body: { code: 'ORGANISATION_NOT_FOUND' } });
      }
      const cycling = await api.request('POST', `/v1/org/${business.id}/actions`, {
        token: member.token,
        body: { methodology: 'cycling', data: { mode: 'bike', distanceM: 5000 } },
        headers: { 'idempotency-key': idempotencyKey() },
      });
      expect(cycling).toMatchObject({ status: 422, body: { code: 'ORGANISATION_METHODOLOGY_NOT_ALLOWED' } });
      const implausible = await api.request('POST', `/v1/org/${business.id}/actions`, {
        token: member.token,
        body: { ...PV, data: { ...PV.data, meteredKWh: '2100.001' } },
        headers: { 'idempotency-key': idempotencyKey() },
      });
      expect(implausible).toMatchObject({ status: 422, body: { code: 'GENERATION_IMPLAUSIBLE' } });
      const noKey = await api.request('POST', `/v1/org/${business.id}/actions`, {
        token: member.token,
        body: PV,
      });
      expect(noKey).toMatchObject({ status: 400, body: { code: 'IDEMPOTENCY_KEY_REQUIRED' } });
      expect(await count('SELECT id FROM actions')).toBe(before);
    });

    it("submits the organisation's rooftop PV once per key; the same key with another body is a conflict", async () => {
      const first = await api.request<{ id: string; status: string }>(
        'POST',
        `/v1/org/${business.id}/actions`,
        {
          token: member.token,
          body: PV,
          headers: { 'idempotency-key': key },
        },
      );
      expect(first.status).toBe(202);
      actionId = first.body.id;
      const replay = await api.request<{ id: string }>('POST', `/v1/org/${business.id}/actions`, {
        token: member.token,
        body: PV,
        headers: { 'idempotency-key': key },
      });
      expect(replay).toMatchObject({ status: 202, body: { id: actionId } });
      const conflict = await api.request('POST', `/v1/org/${business.id}/actions`, {
        token: member.token,
        body: { ...PV, data: { ...PV.data, meteredKWh: '999' } },
        headers: { 'idempotency-key': key },
      });
      expect(conflict).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
      const [row] = await env.query(
        `SELECT organisation_id, citizen_id, submitted_by, district_code FROM actions WHERE id = $1`,
        [actionId],
      );
      expect(row).toEqual({
        organisation_id: business.id,
        citizen_id: null,
        submitted_by: member.citizenId,
        district_code: '370114',
      });
    });

    it('settles to the organisation and the district pool after review: no citizen is credited, no points issued', async () => {
      await eventually(async () => {
        const [a] = await env.query<{ status: string }>(`SELECT status FROM actions WHERE id = $1`, [
          actionId,
        ]);
        return a.status === 'review' ? true : undefined;
      });
      const approved = await api.request('POST', `/admin/v1/reviews/${actionId}/approve`, {
        token: admin,
        body: { note: '电表读数核对无误' },
      });
      expect(approved.status).toBe(200);
      await eventually(async () => {
        const [a] = await env.query<{ status: string }>(`SELECT status FROM actions WHERE id = $1`, [
          actionId,
        ]);
        return a.status === 'settled' ? true : undefined;
      });

      expect(await env.balances(business.id)).toEqual({ organisation_carbon: '636100' });
      expect(await env.balances('370114')).toEqual({ reduction_pool: '-636100' });
      expect(await env.balances(member.citizenId)).toEqual({});
      expect(await env.query(`SELECT kind FROM accounts WHERE kind = 'points_issuance'`)).toEqual([]);
      const [action] = await env.query<{ grams: string; points: string; posting_id: string }>(
        `SELECT grams, points, posting_id FROM actions WHERE id = $1`,
        [actionId],
      );
      expect(action).toMatchObject({ grams: '636100', points: '0' });
      const entries = await env.query<{ kind: string; amount: string }>(
        `SELECT a.kind, e.amount FROM ledger_entries e JOIN accounts a ON a.id = e.account_id
         WHERE e.posting_id = $1 ORDER BY a.kind`,
        [action.posting_id],
      );
      expect(entries).toEqual([
        { kind: 'organisation_carbon', amount: '636100' },
        { kind: 'reduction_pool', amount: '-636100' },
      ]);
      const [posting] = await env.query<{ reason: string; idempotency_key: string }>(
        `SELECT reason, idempotency_key FROM ledger_postings WHERE id = $1`,
        [action.posting_id],
      );
      expect(posting).toEqual({
        reason: 'ACTION_SETTLED',
        idempotency_key: `action/${actionId}/settle`,
      });
      const [{ total }] = await env.query<{ total: string }>(
        `SELECT sum(amount)::text AS total FROM ledger_entries`,
      );
      expect(total).toBe('0');
    });

    it("shows a member the organisation's actions and 碳普惠 record", async () => {
      const actions = await api.request<Record<string, unknown>[]>('GET', `/v1/org/${business.id}/actions`, {
        token: member.token,
      });
      expect(actions.status).toBe(200);
      expect(actions.body).toEqual([
        expect.objectContaining({
          id: actionId,
          methodology: 'rooftop-pv',
          methodologyVersion: 1,
          status: 'settled',
          grams: '636100',
          points: '0',
          submittedBy: member.citizenId,
          source: 'self',
        }),
      ]);
      const record = await api.request('GET', `/v1/org/${business.id}/record`, { token: member.token });
      expect(record).toMatchObject({
        status: 200,
        body: {
          organisationId: business.id,
          carbonGrams: '636100',
          points: '0',
          pointsSetting: 'none',
          entries: [
            {
              reason: 'ACTION_SETTLED',
              causeId: actionId,
              grams: '636100',
              balanceAfter: '636100',
            },
          ],
        },
      });
    });

    it('stops new actions once the organisation is disabled; disabling again changes nothing', async () => {
      const disabled = await api.request<Organisation>(
        'POST',
        `/admin/v1/organisations/${business.id}/disable`,
        {
          token: admin,
        },
      );
      expect(disabled.body).toMatchObject({ status: 'disabled', disabledAt: expect.any(String) });
      const again = await api.request<Organisation>(
        'POST',
        `/admin/v1/organisations/${business.id}/disable`,
        {
          token: admin,
        },
      );
      expect(again.body.disabledAt).toBe(disabled.body.disabledAt);
      const before = await count('SELECT id FROM actions');
      const refused = await api.request('POST', `/v1/org/${business.id}/actions`, {
        token: member.token,
        body: PV,
        headers: { 'idempotency-key': idempotencyKey() },
      });
      expect(refused).toMatchObject({ status: 409, body: { code: 'ORGANISATION_DISABLED' } });
      expect(await count('SELECT id FROM actions')).toBe(before);
      const record = await api.request('GET', `/v1/org/${business.id}/record`, { token: member.token });
      expect(record.body).toMatchObject({ carbonGrams: '636100' });
    });
  });

  describe("a partner pushing an organisation's data (/partner/v1/organisation-actions:batch)", () => {
    const PATH = '/partner/v1/organisation-actions:batch';
    let institution: Organisation;
    let grid: PartnerKey;
    let manager: { token: string; citizenId: string };

    const push = (actions: Record<string, unknown>[], key = idempotencyKey('push')) => {
      const rawBody = JSON.stringify({ actions });
      return api.request<{
        results: { eventId: string; status: string; code?: string; actionId?: string }[];
      }>('POST', PATH, {
        rawBody,
        headers: { ...signedHeaders(grid, 'POST', PATH, rawBody), 'idempotency-key': key },
      });
    };
    const item = (eventId: string, extra: Record<string, unknown> = {}) => ({
      eventId,
      creditCode: INSTITUTION_CODE,
      ...PV,
      data: { ...PV.data, meterSerial: 'PV-INST-0001' },
      ...extra,
    });

    beforeAll(async () => {
      const created = await api.request<Organisation>('POST', '/admin/v1/organisations', {
        token: admin,
        body: {
          name: '济宁市机关事务服务中心',
          creditCode: INSTITUTION_CODE,
          districtCode: '370800',
          kind: 'public-institution',
        },
      });
      institution = created.body;
      const partner = await api.request('POST', '/admin/v1/partners', {
        token: admin,
        body: {
          id: 'state-grid',
          displayName: '国网济宁供电公司',
          kinds: ['data-provider'],
          methodologies: ['rooftop-pv'],
        },
      });
      expect(partner.status).toBe(201);
      grid = (await api.request<PartnerKey>('POST', '/admin/v1/partners/state-grid/keys', { token: admin }))
        .body;
      manager = await api.login('institution-manager', '370800');
    });

    it('answers an organisation the partner was not granted as unknown, and writes no action', async () => {
      const before = await count('SELECT id FROM actions');
      const pushed = await push([item('pv-0'), item('pv-x', { creditCode: WRONG_CHECK })]);
      expect(pushed.status).toBe(200);
      expect(pushed.body.results.map((r) => r.code)).toEqual([
        'ORGANISATION_NOT_FOUND',
        'ORGANISATION_NOT_FOUND',
      ]);
      expect(await count('SELECT id FROM actions')).toBe(before);
    });

    it('is granted the organisation by the bureau', async () => {
      const granted = await api.request('POST', `/admin/v1/organisations/${institution.id}/partners`, {
        token: admin,
        body: { partnerId: 'state-grid' },
      });
      expect(granted).toMatchObject({
        status: 200,
        body: { organisationId: institution.id, partnerId: 'state-grid' },
      });
      expect(
        await api.request('POST', `/admin/v1/organisations/${institution.id}/partners`, {
          token: admin,
          body: { partnerId: 'no-such-partner' },
        }),
      ).toMatchObject({ status: 404, body: { code: 'PARTNER_NOT_FOUND' } });
    });

    it('accepts verified PV for a granted organisation, refuses what it may not push, and settles to the organisation', async () => {
      await api.request('POST', `/admin/v1/organisations/${institution.id}/members`, {
        token: admin,
        body: { citizenId: manager.citizenId, role: 'manager' },
      });
      const pushed = await push([
        item('pv-1'),
        item('pv-1'),
        item('ac-1', {
          methodology: 'heat-pump',
          data: {
            deviceSerial: 'HP-1',
            periodStart: '2025-01-01',
            periodEnd: '2025-01-31',
            consumedKWh: '1000',
          },
        }),
        item('ride-1', { methodology: 'cycling' }),
        item('pv-2', { data: { ...PV.data, meteredKWh: '2100.001' } }),
      ]);
      expect(pushed.body.results.map((r) => [r.eventId, r.status, r.code])).toEqual([
        ['pv-1', 'accepted', undefined],
        ['pv-1', 'rejected', 'DUPLICATE_IN_BATCH'],
        ['ac-1', 'rejected', 'METHODOLOGY_NOT_ALLOWED'],
        ['ride-1', 'rejected', 'ORGANISATION_METHODOLOGY_NOT_ALLOWED'],
        ['pv-2', 'rejected', 'GENERATION_IMPLAUSIBLE'],
      ]);
      const actionId = pushed.body.results[0].actionId!;
      await eventually(async () => {
        const [a] = await env.query<{ status: string }>(`SELECT status FROM actions WHERE id = $1`, [
          actionId,
        ]);
        return a.status === 'settled'
          ? true
          : a.status === 'received' || a.status === 'quantified'
            ? undefined
            : a;
      });
      const [row] = await env.query(
        `SELECT organisation_id, citizen_id, source, district_code, grams::text, points::text FROM actions WHERE id = $1`,
        [actionId],
      );
      expect(row).toEqual({
        organisation_id: institution.id,
        citizen_id: null,
        source: 'partner:state-grid',
        district_code: '370800',
        grams: '636100',
        points: '0',
      });
      expect(await env.balances(institution.id)).toEqual({ organisation_carbon: '636100' });
      expect(await env.balances('370800')).toEqual({ reduction_pool: '-636100' });
      expect(await env.balances(manager.citizenId)).toEqual({});

      const again = await push([
        item('pv-1'),
        item('pv-1b', { eventId: 'pv-1', data: { ...PV.data, meteredKWh: '999' } }),
      ]);
      expect(again.body.results.map((r) => [r.status, r.code ?? r.actionId])).toEqual([
        ['duplicate', actionId],
        ['rejected', 'DUPLICATE_IN_BATCH'],
      ]);
      const reused = await push([item('pv-1', { data: { ...PV.data, meteredKWh: '999' } })]);
      expect(reused.body.results[0]).toMatchObject({ status: 'rejected', code: 'EVENT_ID_REUSED' });
    });

    it('reports organisations beside citizens, by kind and district', async () => {
      const report = await api.request<{ totals: unknown[]; rows: unknown[] }>(
        'GET',
        '/admin/v1/reports/participants?from=2025-06-01&to=2025-07-01',
        { token: stack.auditor },
      );
      expect(report.status).toBe(200);
      const row = (
        participant: string,
        participantName: string,
        districtCode: string,
        districtName: string,
      ) => ({
        participant,
        participantName,
        districtCode,
        districtName,
        participants: 1,
        actions: 1,
        grams: '636100',
        points: '0',
      });
      expect(report.body).toEqual({
        from: '2025-06-01',
        to: '2025-07-01',
        totals: [
          { ...row('public-institution', '公共机构', 'all', ''), districtName: null },
          { ...row('small-business', '中小微企业', 'all', ''), districtName: null },
        ],
        rows: [
          row('public-institution', '公共机构', '370800', '济宁市'),
          row('small-business', '中小微企业', '370114', '章丘区'),
        ],
      });
      const csv = await api.app.inject({
        method: 'GET',
        url: '/admin/v1/reports/participants?from=2025-06-01&to=2025-07-01&format=csv',
        headers: { authorization: `Bearer ${stack.auditor}` },
      });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toMatch(
        /^attachment; filename="participants-2025-06-01-2025-07-01\.csv"; filename\*=UTF-8''/,
      );
      expect(csv.body.startsWith('\uFEFF')).toBe(true);
      expect(csv.body.slice(1).trim().split('\r\n')).toEqual([
        '分组,参与者类型,类型代码,区县代码,区县,参与者数,行为数,减排量（克CO2e）,发放积分',
        '合计,公共机构,public-institution,all,,1,1,636100,0',
        '合计,中小微企业,small-business,all,,1,1,636100,0',
        '按区县,公共机构,public-institution,370800,济宁市,1,1,636100,0',
        '按区县,中小微企业,small-business,370114,章丘区,1,1,636100,0',
      ]);
      expect(
        await api.request('GET', '/admin/v1/reports/participants?from=2025-07-01&to=2025-06-01', {
          token: admin,
        }),
      ).toMatchObject({ status: 400, body: { code: 'REPORT_RANGE_INVALID' } });
    });
  });

  it('leaves the ledger reconciled: balances, postings, lots and reports agree', async () => {
    const report = await api.request<{ violations: unknown[] }>('GET', '/admin/v1/ledger/reconcile', {
      token: stack.admin,
    });
    expect(report.status).toBe(200);
    expect(report.body.violations).toEqual([]);
  });
});
