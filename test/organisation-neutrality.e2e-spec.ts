import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { idempotencyKey } from './support/trips.js';

const INSTITUTION_CODE = '12370800004329876B';
const BUSINESS_CODE = '91370100MA3C5N6R26';

// 216,200 + 338,800 + ceil(10.5 × 1000.05 = 10,500.525) = 10,501 → 565,501 g
const LINES = [
  {
    scope: 1,
    source: '食堂天然气',
    activity: '100',
    activityUnit: 'm³',
    factor: '2162',
    factorSource: 'GB/T 32150-2015 附录 天然气',
  },
  {
    scope: 2,
    source: '办公楼外购电力',
    activity: '500',
    activityUnit: 'kWh',
    factor: '677.6',
    factorSource: '生态环境部、国家统计局 2022年电力二氧化碳排放因子（华北区域 0.6776 kgCO2/kWh）',
  },
  {
    scope: 3,
    source: '公务差旅',
    activity: '10.5',
    activityUnit: 'pkm',
    factor: '1000.05',
    factorSource: '示例因子',
  },
];

interface Figures {
  totalGrams: string;
  neutralisedGrams: string;
  remainingGrams: string;
  neutralisedShare: string;
}

/** Issue 15: a public institution's inventory, retirements against it, certificates and the 碳中和 statement. */
describe('public-institution carbon neutrality', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let admin: string;
  let institutionId: string;
  let businessId: string;
  let firstSerial: string;
  const firstKey = idempotencyKey('neutralise');

  const counts = async () => {
    const [row] = await env.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM emission_inventories)::text AS inventories,
              (SELECT count(*) FROM emission_inventory_lines)::text AS lines,
              (SELECT count(*) FROM retirements)::text AS retirements,
              (SELECT count(*) FROM inventory_retirements)::text AS links,
              (SELECT sum(balance)::text FROM accounts WHERE kind = 'reduction_pool' AND owner = '370800') AS pool`,
    );
    return row;
  };
  const base = () => `/admin/v1/organisations/${institutionId}/inventories`;
  const neutralise = (grams: string, key = idempotencyKey('neutralise')) =>
    api.request<Figures & { serial: string; grams: string; region: string }>(
      'POST',
      `${base()}/2025/retirements`,
      { token: admin, body: { grams }, headers: { 'idempotency-key': key } },
    );

  beforeAll(async () => {
    stack = await TestStack.start({ admin: true, apiEnv: { CERTIFICATE_ISSUER: '济宁市生态环境局' } });
    ({ env, api, admin } = stack);
    const register = async (name: string, creditCode: string, kind: string) =>
      (
        await api.request<{ id: string }>('POST', '/admin/v1/organisations', {
          token: admin,
          body: { name, creditCode, districtCode: '370800', kind },
        })
      ).body.id;
    institutionId = await register('济宁市机关事务服务中心', INSTITUTION_CODE, 'public-institution');
    businessId = await register('济宁某某商贸有限公司', BUSINESS_CODE, 'small-business');

    // 636,100 g in the 济宁 pool: a citizen's reviewed rooftop PV.
    const { token } = await api.login('jining-pv-owner', '370800');
    const submitted = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: {
        methodology: 'rooftop-pv',
        data: {
          meterSerial: 'PV-JN-1',
          periodStart: '2025-06-01',
          periodEnd: '2025-06-30',
          meteredKWh: '1000',
          installedKW: '10',
        },
      },
      headers: { 'idempotency-key': idempotencyKey() },
    });
    const status = async () =>
      (await api.request<{ status: string }>('GET', `/v1/me/actions/${submitted.body.id}`, { token })).body
        .status;
    await eventually(async () => ((await status()) === 'review' ? true : undefined));
    await api.request('POST', `/admin/v1/reviews/${submitted.body.id}/approve`, { token: admin, body: {} });
    await eventually(async () => ((await status()) === 'settled' ? true : undefined));
  });

  afterAll(() => stack?.stop());

  it('refuses an inventory for a small business, and bad lines, writing nothing', async () => {
    const before = await counts();
    expect(
      await api.request('POST', `/admin/v1/organisations/${businessId}/inventories`, {
        token: admin,
        body: { year: 2025, lines: LINES },
      }),
    ).toMatchObject({ status: 422, body: { code: 'ORGANISATION_NOT_INSTITUTION' } });
    for (const lines of [
      [],
      [{ ...LINES[0], scope: 4 }],
      [{ ...LINES[0], factor: '-1' }],
      [{ ...LINES[0], activity: '0' }],
    ]) {
      const response = await api.request('POST', base(), { token: admin, body: { year: 2025, lines } });
      expect(response).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    }
    expect(await counts()).toEqual(before);
  });

  it('records the year by scope with each factor and its source, grams rounded up', async () => {
    const recorded = await api.request('POST', base(), { token: admin, body: { year: 2025, lines: LINES } });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      organisationId: institutionId,
      year: 2025,
      totalGrams: '565501',
      scope1Grams: '216200',
      scope2Grams: '338800',
      scope3Grams: '10501',
      neutralisedGrams: '0',
      remainingGrams: '565501',
      neutralisedShare: '0.00',
      lines: [
        { lineNo: 1, scope: 1, grams: '216200', factor: '2162', factorSource: LINES[0].factorSource },
        { lineNo: 2, scope: 2, grams: '338800', factor: '677.6' },
        { lineNo: 3, scope: 3, grams: '10501', activity: '10.5' },
      ],
    });
    const again = await api.request('POST', base(), { token: admin, body: { year: 2025, lines: LINES } });
    expect(again).toMatchObject({ status: 409, body: { code: 'INVENTORY_EXISTS' } });
    expect(await api.request('GET', `${base()}/2024`, { token: admin })).toMatchObject({
      status: 404,
      body: { code: 'INVENTORY_NOT_FOUND' },
    });
    expect(await api.request('GET', `${base()}/20x5`, { token: admin })).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
    await expect(env.query(`UPDATE emission_inventories SET total_grams = 1`)).rejects.toThrow(/append-only/);
  });

  it('retires from the pool against the year, once per key, and shows the share neutralised', async () => {
    const first = await neutralise('200000', firstKey);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      region: '370800',
      grams: '200000',
      year: 2025,
      totalGrams: '565501',
      neutralisedGrams: '200000',
      remainingGrams: '365501',
      neutralisedShare: '35.36',
    });
    firstSerial = first.body.serial;
    const replay = await neutralise('200000', firstKey);
    expect(replay).toMatchObject({ status: 200, body: { serial: firstSerial, neutralisedGrams: '200000' } });
    expect(await counts()).toMatchObject({ retirements: '1', links: '1', pool: '-436100' });
    const [posting] = await env.query<{ reason: string; details: { purpose: string } }>(
      `SELECT p.reason, p.details FROM ledger_postings p JOIN retirements r ON r.posting_id = p.id WHERE r.serial = $1`,
      [firstSerial],
    );
    expect(posting.reason).toBe('REDUCTIONS_RETIRED');
    expect(posting.details.purpose).toContain('济宁市机关事务服务中心 2025 年度碳中和');

    const statement = await api.request('GET', `${base()}/2025/statement`, { token: admin });
    expect(statement.body).toMatchObject({
      status: 'partial',
      neutralisedShare: '35.36',
      retirements: [{ serial: firstSerial, grams: '200000', region: '370800' }],
      textZh: expect.stringContaining('中和该年度排放的 35.36%'),
    });
  });

  it('never neutralises more than the year has left, and writes nothing when it refuses', async () => {
    const before = await counts();
    const over = await neutralise('365502');
    expect(over).toMatchObject({
      status: 409,
      body: { code: 'INVENTORY_OVER_NEUTRALISED', details: { remainingGrams: '365501' } },
    });
    expect(await counts()).toEqual(before);
  });

  it('reaches 100% with the rest, then states the year neutral with a certificate per retirement', async () => {
    const rest = await neutralise('365501');
    expect(rest).toMatchObject({ status: 201, body: { neutralisedShare: '100.00', remainingGrams: '0' } });
    expect(await counts()).toMatchObject({ retirements: '2', links: '2', pool: '-70599' });

    const statement = await api.request('GET', `${base()}/2025/statement`, { token: admin });
    expect(statement.body).toMatchObject({
      issuer: '济宁市生态环境局',
      organisationName: '济宁市机关事务服务中心',
      creditCode: INSTITUTION_CODE,
      year: 2025,
      status: 'neutral',
      totalGrams: '565501',
      neutralisedGrams: '565501',
      neutralisedShare: '100.00',
      scope1Grams: '216200',
      scope2Grams: '338800',
      scope3Grams: '10501',
      titleZh: '济宁市机关事务服务中心 2025 年度碳中和声明',
    });
    expect((statement.body as { textZh: string }).textZh).toBe(
      '济宁市机关事务服务中心（统一社会信用代码 12370800004329876B）2025年度温室气体排放总量为0.565501吨二氧化碳当量，' +
        '其中范围一0.2162吨、范围二0.3388吨、范围三0.010501吨。通过注销山东省碳普惠减排量0.565501吨（2笔），实现该年度碳中和。',
    );

    const certificate = await api.request('GET', `${base()}/2025/retirements/${firstSerial}/certificate`, {
      token: admin,
    });
    expect(certificate.body).toMatchObject({
      serial: firstSerial,
      issuer: '济宁市生态环境局',
      organisationName: '济宁市机关事务服务中心',
      year: 2025,
      inventoryGrams: '565501',
      region: '370800',
      regionName: '济宁市',
      grams: '200000',
      textZh: expect.stringContaining(
        `从济宁市碳普惠减排量池注销0.2吨二氧化碳当量（注销编号 ${firstSerial}）`,
      ),
    });
  });

  it("shows the statement to the institution's members, and to no one else", async () => {
    const member = await api.login('institution-member', '370800');
    const outsider = await api.login('not-a-member', '370800');
    await api.request('POST', `/admin/v1/organisations/${institutionId}/members`, {
      token: admin,
      body: { citizenId: member.citizenId, role: 'member' },
    });
    const mine = await api.request('GET', `/v1/org/${institutionId}/neutrality/2025`, {
      token: member.token,
    });
    expect(mine).toMatchObject({ status: 200, body: { status: 'neutral', neutralisedShare: '100.00' } });
    expect(
      await api.request('GET', `/v1/org/${institutionId}/neutrality/2025`, { token: outsider.token }),
    ).toMatchObject({ status: 404, body: { code: 'ORGANISATION_NOT_FOUND' } });
    expect(
      await api.request('GET', `/v1/org/${institutionId}/neutrality/2024`, { token: member.token }),
    ).toMatchObject({ status: 404, body: { code: 'INVENTORY_NOT_FOUND' } });
  });

  it('gives no certificate for a retirement not made against the year', async () => {
    const plain = await api.request<{ serial: string }>('POST', '/admin/v1/pools/370800/retirements', {
      token: admin,
      body: { grams: '1', purpose: '其他活动' },
      headers: { 'idempotency-key': idempotencyKey('plain') },
    });
    expect(plain.status).toBe(201);
    expect(
      await api.request('GET', `${base()}/2025/retirements/${plain.body.serial}/certificate`, {
        token: admin,
      }),
    ).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('lets only one of two concurrent retirements take what a year has left', async () => {
    const recorded = await api.request('POST', base(), {
      token: admin,
      body: { year: 2026, lines: [{ ...LINES[1], activity: '100', factor: '300' }] },
    });
    expect(recorded.body).toMatchObject({ totalGrams: '30000' });
    const attempt = () =>
      api.request('POST', `${base()}/2026/retirements`, {
        token: admin,
        body: { grams: '20000' },
        headers: { 'idempotency-key': idempotencyKey('race') },
      });
    const answers = await Promise.all([attempt(), attempt()]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)?.body).toMatchObject({ code: 'INVENTORY_OVER_NEUTRALISED' });
    const inventory = await api.request('GET', `${base()}/2026`, { token: admin });
    expect(inventory.body).toMatchObject({
      neutralisedGrams: '20000',
      remainingGrams: '10000',
      neutralisedShare: '66.66',
    });
  });

  it('corrects a year as a new revision: the old one kept, retirements still counted, the statement on the latest', async () => {
    const inventories = () =>
      env.query(`SELECT revision FROM emission_inventories WHERE year = 2026 ORDER BY revision`);
    const correction = {
      lines: [{ ...LINES[1], activity: '200', factor: '300' }],
      note: '补录下半年外购电力',
    };
    expect(
      await api.request('POST', `${base()}/2024/revisions`, { token: admin, body: correction }),
    ).toMatchObject({ status: 404, body: { code: 'INVENTORY_NOT_FOUND' } });
    expect(
      await api.request('POST', `${base()}/2026/revisions`, {
        token: admin,
        body: { ...correction, note: '' },
      }),
    ).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await inventories()).toEqual([{ revision: 1 }]);

    const corrected = await api.request('POST', `${base()}/2026/revisions`, {
      token: admin,
      body: correction,
    });
    expect(corrected).toMatchObject({
      status: 201,
      body: {
        revision: 2,
        correctionNote: '补录下半年外购电力',
        totalGrams: '60000',
        neutralisedGrams: '20000',
        remainingGrams: '40000',
        neutralisedShare: '33.33',
        revisions: [
          { revision: 1, totalGrams: '30000', correctionNote: null },
          { revision: 2, totalGrams: '60000', correctionNote: '补录下半年外购电力' },
        ],
      },
    });
    expect(await inventories()).toEqual([{ revision: 1 }, { revision: 2 }]);

    const rest = await api.request('POST', `${base()}/2026/retirements`, {
      token: admin,
      body: { grams: '40001' },
      headers: { 'idempotency-key': idempotencyKey('after-correction') },
    });
    expect(rest).toMatchObject({ status: 409, body: { details: { remainingGrams: '40000' } } });
    const statement = await api.request<{ textZh: string }>('GET', `${base()}/2026/statement`, {
      token: admin,
    });
    expect(statement.body).toMatchObject({
      inventoryRevision: 2,
      totalGrams: '60000',
      neutralisedGrams: '20000',
      status: 'partial',
    });
    expect(statement.body.textZh).toMatch(
      /2026年度温室气体排放总量（依据\d{4}年\d+月\d+日修订的第2版排放清单）为0\.06吨/,
    );
    const first = await api.request('GET', `${base()}/2025/statement`, { token: admin });
    expect(first.body).toMatchObject({ inventoryRevision: 1 });
  });

  it('leaves the ledger reconciled: balances, postings, lots and reports agree', async () => {
    const report = await api.request<{ violations: unknown[] }>('GET', '/admin/v1/ledger/reconcile', {
      token: stack.admin,
    });
    expect(report.status).toBe(200);
    expect(report.body.violations).toEqual([]);
  });
});
