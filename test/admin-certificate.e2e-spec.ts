import type { ApiUnderTest } from './support/services.js';
import { eventually } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

describe('admin: retirement certificate', () => {
  let stack: TestStack;
  let api: ApiUnderTest;
  let admin: string;
  let serial: string;

  beforeAll(async () => {
    stack = await TestStack.start({ admin: true, apiEnv: { CERTIFICATE_ISSUER: '泰安市生态环境局' } });
    ({ api, admin } = stack);
    const { token } = await api.login('certificate-rider', '370900');
    const submitted = await api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: cyclingTrip(6000, 25),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    await eventually(async () => {
      const { body } = await api.request<{ status: string }>('GET', `/v1/me/actions/${submitted.body.id}`, {
        token,
      });
      return body.status === 'settled' ? body : undefined;
    });
    const retired = await api.request<{ serial: string }>('POST', '/admin/v1/pools/370900/retirements', {
      token: admin,
      body: { grams: '100', purpose: '泰山国际登山节碳中和', beneficiary: '泰安市体育局' },
      headers: { 'idempotency-key': idempotencyKey('retire') },
    });
    expect(retired.status).toBe(201);
    serial = retired.body.serial;
  });

  afterAll(() => stack?.stop());

  it('states what was retired, from which pool, for what, issued by the configured unit, and no ledger id', async () => {
    const { status, body } = await api.request<Record<string, unknown>>(
      'GET',
      `/admin/v1/retirements/${serial}/certificate`,
      { token: admin },
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      serial,
      issuer: '泰安市生态环境局',
      region: '370900',
      regionName: '泰安市',
      grams: '100',
      purpose: '泰山国际登山节碳中和',
      beneficiary: '泰安市体育局',
      retiredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(Object.keys(body)).not.toContain('postingId');
  });

  it('answers an unknown serial with NOT_FOUND', async () => {
    const response = await api.request('GET', '/admin/v1/retirements/SD-370900-2026-999999/certificate', {
      token: admin,
    });
    expect(response).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });
});
