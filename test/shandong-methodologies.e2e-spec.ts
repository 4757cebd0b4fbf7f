import { PartnerClient, type PushResult } from '@app/partner-client';
import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { idempotencyKey } from './support/trips.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
/** The China calendar day of an instant. */
const cstDay = (ms: number) => iso(ms + 8 * HOUR).slice(0, 10);
/** Yesterday (CST), but never before the Shandong versions of issue 15 take effect (2026-12-01). */
const recentDay = () => [cstDay(Date.now() - DAY), '2026-12-01'].sort()[1];
const tripAgo = (hoursAgo: number, minutes: number, distanceM: number) => ({
  distanceM,
  startedAt: iso(Date.now() - hoursAgo * HOUR),
  endedAt: iso(Date.now() - hoursAgo * HOUR + minutes * 60_000),
});

interface ActionView {
  status: string;
  grams: string | null;
  requestedGrams: string | null;
  capApplied: string | null;
  reasonCode: string | null;
  methodologyVersion: number | null;
}

/** Issue 15: corrected factor citations, Shandong's v2 versions and the new scenarios, end to end. */
describe('methodologies that fit Shandong (issue 15)', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let admin: string;
  let partner: PartnerClient;

  beforeAll(async () => {
    stack = await TestStack.start({ listen: true, admin: true });
    ({ env, api, admin } = stack);
    const created = await api.request('POST', '/admin/v1/partners', {
      token: admin,
      body: {
        id: 'sd-verifier',
        displayName: '山东 合作方',
        kinds: ['data-provider'],
        methodologies: ['nev-trip', 'household-power', 'reusable-bag', 'heat-pump-water-heater'],
      },
    });
    expect(created.status).toBe(201);
    const key = await api.request<{ keyId: string; secret: string }>(
      'POST',
      '/admin/v1/partners/sd-verifier/keys',
      {
        token: admin,
      },
    );
    partner = new PartnerClient({ baseUrl: stack.baseUrl, ...key.body });
  });

  afterAll(() => stack?.stop());

  const finished = (token: string, id: string) =>
    eventually(async () => {
      const { body } = await api.request<ActionView>('GET', `/v1/me/actions/${id}`, { token });
      return ['settled', 'rejected', 'review'].includes(body.status) ? body : undefined;
    });
  const submit = (token: string, methodology: string, data: unknown) =>
    api.request<{ id: string; code?: string }>('POST', '/v1/actions', {
      token,
      body: { methodology, data },
      headers: { 'idempotency-key': idempotencyKey() },
    });
  const dryRun = (methodology: string, version: number, data: unknown) =>
    api.request<{ outcome: string; grams?: string; reason?: string }>(
      'POST',
      `/admin/v1/methodologies/${methodology}/versions/${version}/dry-run`,
      { token: admin, body: { data } },
    );
  async function bind(name: string) {
    const citizen = await api.login(name);
    const code = await api.request<{ code: string }>('POST', '/v1/me/bindings', {
      token: citizen.token,
      body: { partnerId: 'sd-verifier' },
    });
    const exchanged = await partner.exchangeBindingCode(code.body.code);
    return { ...citizen, partnerCitizenId: exchanged.body.partnerCitizenId as string };
  }
  const push = async (
    partnerCitizenId: string,
    items: { eventId: string; methodology: string; data: Record<string, unknown> }[],
  ) => {
    const response = await partner.pushActions(items.map((i) => ({ ...i, partnerCitizenId })));
    expect(response.status).toBe(200);
    return response.body.results as PushResult[];
  };

  it('seeds both editions of the 2022 grid factors, the correction citing the 二氧化碳排放因子 announcement', async () => {
    const rows = await env.query<{ region: string; edition: number; value: string; source: string }>(
      `SELECT region, edition, trim_scale(value)::text AS value, source FROM emission_factors
       WHERE kind = 'grid' AND year = 2022 ORDER BY region, edition`,
    );
    expect(rows.map((r) => [r.region, r.edition, r.value])).toEqual([
      ['national', 1, '0.5366'],
      ['national', 2, '0.5366'],
      ['north-china', 1, '0.6776'],
      ['north-china', 2, '0.6776'],
    ]);
    expect(
      rows.filter((r) => r.edition === 2).every((r) => r.source.includes('2022年电力二氧化碳排放因子')),
    ).toBe(true);
    await expect(env.query(`UPDATE emission_factors SET source = 'x' WHERE edition = 1`)).rejects.toThrow(
      /immutable/,
    );
  });

  it('credits a 10 km bus and metro trip with Shandong’s v2 and shows what v1 gave for the same trip', async () => {
    const { token } = await api.login('sd-commuter');
    const bus = tripAgo(5, 30, 10_000);
    const metro = tripAgo(3, 20, 10_000);
    const [busAction, metroAction] = [await submit(token, 'bus', bus), await submit(token, 'metro', metro)];
    expect(await finished(token, busAction.body.id)).toMatchObject({
      status: 'settled',
      grams: '75',
      methodologyVersion: 2,
    });
    expect(await finished(token, metroAction.body.id)).toMatchObject({
      status: 'settled',
      grams: '183',
      methodologyVersion: 2,
    });
    expect(await dryRun('bus', 1, bus)).toMatchObject({
      status: 200,
      body: { outcome: 'quantified', grams: '269' },
    });
    expect(await dryRun('metro', 1, metro)).toMatchObject({
      status: 200,
      body: { outcome: 'quantified', grams: '467' },
    });
    expect((await api.request('GET', '/v1/me/account', { token })).body).toMatchObject({ grams: '258' });
  });

  it('quantifies an air conditioner bought under efficient-ac@2 by its own capacity (4,500 W grade 1: v1 nothing)', async () => {
    const { token } = await api.login('sd-ac-buyer');
    const purchasedOn = recentDay();
    const unit = {
      unitSerial: 'MIDEA-KFR72-0001',
      invoiceId: 'INV-SD-0001',
      purchasedOn,
      creditYear: Number(purchasedOn.slice(0, 4)),
      coolingCapacityW: 4500,
      labelledAnnualKWh: '1080',
    };
    const action = await submit(token, 'efficient-ac', unit);
    expect(action.status).toBe(202);
    // Self-reported invoices wait for review; the grams are computed: (1,237.5 − 1,080) × 636.1.
    expect(await finished(token, action.body.id)).toMatchObject({
      status: 'review',
      grams: '100185',
      methodologyVersion: 2,
    });
    expect(await dryRun('efficient-ac', 1, unit)).toMatchObject({
      body: { outcome: 'rejected', reason: 'NOT_MORE_EFFICIENT' },
    });
    const grade3 = await submit(token, 'efficient-ac', {
      ...unit,
      unitSerial: 'MIDEA-KFR26-0002',
      coolingCapacityW: 2601,
      labelledAnnualKWh: '780.3',
    });
    expect(grade3).toMatchObject({ status: 422, body: { code: 'NOT_MORE_EFFICIENT' } });
  });

  it('credits a 24 km new-energy car trip pushed by a vehicle platform 168 g, as 武碳江湖 does', async () => {
    const driver = await bind('sd-nev-driver');
    const [result] = await push(driver.partnerCitizenId, [
      { eventId: 'nev-1', methodology: 'nev-trip', data: tripAgo(4, 40, 24_000) },
    ]);
    expect(result.status).toBe('accepted');
    expect(await finished(driver.token, result.actionId!)).toMatchObject({
      status: 'settled',
      grams: '168',
      methodologyVersion: 1,
    });
    const own = await submit(driver.token, 'nev-trip', tripAgo(8, 40, 24_000));
    expect(own).toMatchObject({ status: 422, body: { code: 'SELF_REPORT_NOT_ACCEPTED' } });
    const [row] = await env.query<{ n: string }>(`SELECT count(*) AS n FROM actions WHERE citizen_id = $1`, [
      driver.citizenId,
    ]);
    expect(row.n).toBe('1');
  });

  it('counts at most 3 own shopping bags a day and refuses a citizen’s own claim', async () => {
    const shopper = await bind('sd-shopper');
    const at = (minutesAgo: number) => iso(Date.now() - minutesAgo * 60_000);
    const results = await push(
      shopper.partnerCitizenId,
      [1, 2, 3, 4].map((n) => ({
        eventId: `till-${n}`,
        methodology: 'reusable-bag',
        data: { occurredAt: at(60 + n), eventId: `TILL-${n}` },
      })),
    );
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    const views = [];
    for (const r of results) views.push(await finished(shopper.token, r.actionId!));
    const credited = views.map((v) => BigInt(v.grams ?? '0')).reduce((a, b) => a + b, 0n);
    expect(credited).toBe(24n);
    expect(views.filter((v) => v.capApplied === 'perDay')).toHaveLength(1);
    const own = await submit(shopper.token, 'reusable-bag', { occurredAt: at(10), eventId: 'MINE-1' });
    expect(own).toMatchObject({ status: 422, body: { code: 'SELF_REPORT_NOT_ACCEPTED' } });
  });

  it('credits household electricity saved against the same month last year, from the grid company, once per account and month', async () => {
    // household-power@1 takes effect 2026-12-01; publish a draft of it from 90 days back to settle a past month.
    const draft = await api.request<{ version: number }>(
      'POST',
      '/admin/v1/methodologies/household-power/drafts',
      {
        token: admin,
        body: { effectiveFrom: iso(Date.now() - 90 * DAY) },
      },
    );
    expect(draft.status).toBe(201);
    expect(
      await api.request(
        'POST',
        `/admin/v1/methodologies/household-power/versions/${draft.body.version}/publish`,
        { token: admin },
      ),
    ).toMatchObject({ status: 200 });
    const month = cstDay(Date.now() - 45 * DAY).slice(0, 7);
    const home = await bind('sd-household');
    const bill = { accountId: '3701-88001', month, consumedKWh: '200', baselineKWh: '250' };
    const [first] = await push(home.partnerCitizenId, [
      { eventId: `bill-${month}`, methodology: 'household-power', data: bill },
    ]);
    expect(await finished(home.token, first.actionId!)).toMatchObject({
      status: 'settled',
      // 50 kWh × 636.1 = 31,805 g, cut to the 30,000 g monthly cap
      requestedGrams: '31805',
      grams: '30000',
      capApplied: 'perMonth',
    });
    const neighbour = await bind('sd-neighbour');
    const [again] = await push(neighbour.partnerCitizenId, [
      { eventId: `bill-${month}-b`, methodology: 'household-power', data: bill },
    ]);
    expect(await finished(neighbour.token, again.actionId!)).toMatchObject({
      status: 'rejected',
      reasonCode: 'EVENT_CLAIMED_BY_ANOTHER_CITIZEN',
    });
    const [none] = await push(home.partnerCitizenId, [
      {
        eventId: `bill-${month}-2`,
        methodology: 'household-power',
        data: { ...bill, accountId: '3701-88002', consumedKWh: '260' },
      },
    ]);
    expect(none).toMatchObject({ status: 'rejected', code: 'NO_SAVING' });
  });

  it('holds a self-reported heat-pump water heater month for review with its grams', async () => {
    const { token } = await api.login('sd-hot-water');
    const day = recentDay();
    const action = await submit(token, 'heat-pump-water-heater', {
      deviceSerial: 'HPWH-SD-1',
      periodStart: day,
      periodEnd: day,
      consumedKWh: '100',
    });
    expect(await finished(token, action.body.id)).toMatchObject({
      status: 'review',
      grams: '71258',
      methodologyVersion: 1,
    });
  });

  it('documents the new scenarios’ inputs in the OpenAPI document', async () => {
    const doc = await api.request<{ components: { schemas: Record<string, { properties?: object }> } }>(
      'GET',
      '/docs/openapi.json',
    );
    for (const id of [
      'nev_trip',
      'household_power',
      'heat_pump_water_heater',
      'reusable_bag',
      'clean_plate',
      'waste_sorting',
      'no_disposable_cutlery',
      'parcel_packaging_recycling',
      'second_hand_trade',
    ]) {
      expect(doc.body.components.schemas[`ActionData_${id}`]?.properties).toBeDefined();
    }
  });
});
