import type { TestEnvironment } from './support/environment.js';
import type { ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

const BUSINESS_CODE = '91370100MA3C5N6R26';

const pv = (meterSerial: string, kWh = '500') => ({
  methodology: 'rooftop-pv',
  data: {
    meterSerial,
    periodStart: '2025-06-01',
    periodEnd: '2025-06-30',
    meteredKWh: kWh,
    installedKW: '10',
  },
});

interface Answer {
  id: string;
  status: string;
  code?: string;
}

/**
 * Organisations' submissions go through the citizens' group commit: many arriving together share
 * statements (with citizens' too), and each is recorded and answered as if it had been alone — the
 * organisation as the subject, the member as the submitter, the record its key replays.
 */
describe("organisations' submitted actions written together (group commit)", () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let organisationId: string;
  let member: { token: string; citizenId: string };

  beforeAll(async () => {
    stack = await TestStack.start({ workers: 0, admin: true });
    ({ env, api } = stack);
    const created = await api.request<{ id: string }>('POST', '/admin/v1/organisations', {
      token: stack.admin,
      body: {
        name: '章丘某某食品有限公司',
        creditCode: BUSINESS_CODE,
        districtCode: '370114',
        kind: 'small-business',
      },
    });
    expect(created.status).toBe(201);
    organisationId = created.body.id;
    member = await api.login('ogc-member', '370114');
    const added = await api.request('POST', `/admin/v1/organisations/${organisationId}/members`, {
      token: stack.admin,
      body: { citizenId: member.citizenId, role: 'manager' },
    });
    expect(added.status).toBe(200);
  });

  afterAll(() => stack?.stop());

  const submitForOrganisation = (key: string, body: unknown) =>
    api.request<Answer>('POST', `/v1/org/${organisationId}/actions`, {
      token: member.token,
      body,
      headers: { 'idempotency-key': key },
    });

  it('records each of many concurrent submissions, beside citizens', async () => {
    const citizen = await api.login('ogc-citizen');
    const keys = Array.from({ length: 12 }, (_, i) => idempotencyKey(`ogc-${i}`));
    const citizenKeys = Array.from({ length: 12 }, (_, i) => idempotencyKey(`ogc-citizen-${i}`));
    const [answers, citizenAnswers] = await Promise.all([
      Promise.all(keys.map((key, i) => submitForOrganisation(key, pv(`PV-GC-${i}`)))),
      Promise.all(
        citizenKeys.map((key, i) =>
          api.request<Answer>('POST', '/v1/actions', {
            token: citizen.token,
            body: cyclingTrip(4000, 20, { startsMinutesAgo: 120 + 30 * i }),
            headers: { 'idempotency-key': key },
          }),
        ),
      ),
    ]);
    expect([...answers, ...citizenAnswers].map((a) => a.status)).toEqual(Array(24).fill(202));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(12);

    const rows = await env.query<{
      id: string;
      citizen_id: string | null;
      organisation_id: string;
      submitted_by: string;
      idempotency_scope: string;
      idempotency_key: string;
      status: string;
      district_code: string;
      meter: string;
      xmin: string;
    }>(
      `SELECT id, citizen_id, organisation_id, submitted_by, idempotency_scope, idempotency_key, status,
              district_code, payload->>'meterSerial' AS meter, xmin::text
       FROM actions WHERE idempotency_key = ANY($1::text[])`,
      [keys],
    );
    expect(rows).toHaveLength(12);
    keys.forEach((key, i) => {
      expect(rows).toContainEqual(
        expect.objectContaining({
          id: answers[i].body.id,
          citizen_id: null,
          organisation_id: organisationId,
          submitted_by: member.citizenId,
          idempotency_scope: `organisation:${organisationId}`,
          idempotency_key: key,
          status: 'received',
          district_code: '370114',
          meter: `PV-GC-${i}`,
        }),
      );
    });
    // Written by shared statements (one transaction each), not one transaction per request.
    expect(new Set(rows.map((r) => r.xmin)).size).toBeLessThan(12);

    const records = await env.query<{ key: string; status_code: number; response: unknown }>(
      `SELECT key, status_code, response FROM idempotency_records WHERE scope = $1`,
      [`organisation:${organisationId}:actions`],
    );
    expect(records).toHaveLength(12);
    keys.forEach((key, i) => {
      expect(records).toContainEqual({
        key,
        status_code: 202,
        response: { id: answers[i].body.id, status: 'received' },
      });
    });
    const citizenRows = await env.query(`SELECT 1 FROM actions WHERE idempotency_key = ANY($1::text[])`, [
      citizenKeys,
    ]);
    expect(citizenRows).toHaveLength(12);
  });

  it('answers a replay with the stored answer and another body with 409', async () => {
    const key = idempotencyKey('ogc-replay');
    const first = await submitForOrganisation(key, pv('PV-REPLAY'));
    expect(first.status).toBe(202);
    const replay = await submitForOrganisation(key, pv('PV-REPLAY'));
    expect(replay).toMatchObject({ status: 202, body: { id: first.body.id, status: 'received' } });
    const reused = await submitForOrganisation(key, pv('PV-REPLAY', '600'));
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const rows = await env.query(`SELECT 1 FROM actions WHERE idempotency_key = $1`, [key]);
    expect(rows).toHaveLength(1);
  });

  it('writes one row for the same key sent twice at once, and answers both with it', async () => {
    const key = idempotencyKey('ogc-twice');
    const both = await Promise.all([
      submitForOrganisation(key, pv('PV-TWICE')),
      submitForOrganisation(key, pv('PV-TWICE')),
    ]);
    expect(both.map((a) => a.status)).toEqual([202, 202]);
    expect(both[1].body.id).toBe(both[0].body.id);
    const rows = await env.query(`SELECT 1 FROM actions WHERE idempotency_key = $1`, [key]);
    expect(rows).toHaveLength(1);
  });
});
