import { reconcile } from '@app/ledger';
import { DataSource } from 'typeorm';
import type { TestEnvironment } from './support/environment.js';
import { acrossMigration } from './support/migrations.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { idempotencyKey } from './support/trips.js';

interface ActionView {
  id: string;
  status: string;
  grams: string | null;
  reasonCode: string | null;
}

const pv = (meterSerial: string, periodStart: string, periodEnd: string) => ({
  meterSerial,
  periodStart,
  periodEnd,
  meteredKWh: '1000',
  installedKW: '10',
});

/**
 * METHODOLOGIES.md: a PV period is credited once per installation, an air conditioner once per unit
 * and year — whoever claims it. Two citizens claiming one meter, or one citizen claiming overlapping
 * periods of it, must not be credited twice; a day's steps stay each citizen's own.
 */
describe('device claims: once per device and period, whoever claims it', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;
  let admin: string;

  beforeAll(async () => {
    // Two workers taking one action per batch, so rival claims are decided in concurrent transactions.
    stack = await TestStack.start({ admin: true, workers: 2, workerEnv: { SETTLEMENT_BATCH_SIZE: '1' } });
    ({ env, api, admin } = stack);
  });

  afterAll(() => stack?.stop());

  const submit = (token: string, methodology: string, data: Record<string, unknown>) =>
    api.request<{ id: string }>('POST', '/v1/actions', {
      token,
      body: { methodology, data },
      headers: { 'idempotency-key': idempotencyKey() },
    });
  const decided = (token: string, id: string, statuses = ['settled', 'rejected', 'review']) =>
    eventually(async () => {
      const { body } = await api.request<ActionView>('GET', `/v1/me/actions/${id}`, { token });
      return statuses.includes(body.status) ? body : undefined;
    });
  const claim = async (token: string, methodology: string, data: Record<string, unknown>) => {
    const accepted = await submit(token, methodology, data);
    expect(accepted.status).toBe(202);
    return decided(token, accepted.body.id);
  };
  const account = async (token: string) =>
    (await api.request<{ grams: string; points: string }>('GET', '/v1/me/account', { token })).body;

  it('credits a PV period to the first citizen only, and refuses the same citizen an overlapping period', async () => {
    const first = await api.login('pv-owner');
    const second = await api.login('pv-neighbour');

    const january = await claim(first.token, 'rooftop-pv', pv('inv-3701-7', '2025-01-01', '2025-01-31'));
    expect(january).toMatchObject({ status: 'review', grams: '636100' });
    // The same meter, written in another case, by someone else.
    expect(
      await claim(second.token, 'rooftop-pv', pv('INV-3701-7', '2025-01-01', '2025-01-31')),
    ).toMatchObject({
      status: 'rejected',
      reasonCode: 'EVENT_CLAIMED_BY_ANOTHER_CITIZEN',
      grams: null,
    });
    expect(
      await claim(second.token, 'rooftop-pv', pv('INV-3701-7', '2025-01-20', '2025-02-10')),
    ).toMatchObject({
      status: 'rejected',
      reasonCode: 'EVENT_CLAIMED_BY_ANOTHER_CITIZEN',
    });
    expect(
      await claim(first.token, 'rooftop-pv', pv('INV-3701-7', '2025-01-31', '2025-02-27')),
    ).toMatchObject({
      status: 'rejected',
      reasonCode: 'PERIOD_OVERLAP',
    });
    expect(
      await claim(first.token, 'rooftop-pv', pv('INV-3701-7', '2025-01-01', '2025-01-31')),
    ).toMatchObject({
      status: 'rejected',
      reasonCode: 'DUPLICATE_EVENT',
    });
    // The next month is a new period of the same meter; another meter is another installation.
    expect(
      await claim(first.token, 'rooftop-pv', pv('INV-3701-7', '2025-02-01', '2025-02-28')),
    ).toMatchObject({
      status: 'review',
    });
    expect(
      await claim(second.token, 'rooftop-pv', pv('INV-3701-8', '2025-01-01', '2025-01-31')),
    ).toMatchObject({
      status: 'review',
    });

    const approval = await api.request('POST', `/admin/v1/reviews/${january.id}/approve`, {
      token: admin,
      body: {},
    });
    expect(approval.status).toBe(200);
    expect(await decided(first.token, january.id, ['settled'])).toMatchObject({ grams: '636100' });
    expect(await account(first.token)).toMatchObject({ grams: '636100', points: '636100' });
    expect(await account(second.token)).toMatchObject({ grams: '0', points: '0' });
  });

  it('credits an air conditioner once per unit and year across citizens', async () => {
    const buyer = await api.login('ac-buyer');
    const other = await api.login('ac-other');
    const unit = (creditYear: number, invoiceId: string) => ({
      unitSerial: 'GREE-KFR35GW-777',
      invoiceId,
      purchasedOn: '2025-07-01',
      creditYear,
      coolingCapacityW: 3500,
      labelledAnnualKWh: '800',
    });
    expect(await claim(buyer.token, 'efficient-ac', unit(2025, 'I-1'))).toMatchObject({ status: 'review' });
    expect(await claim(other.token, 'efficient-ac', unit(2025, 'I-2'))).toMatchObject({
      status: 'rejected',
      reasonCode: 'EVENT_CLAIMED_BY_ANOTHER_CITIZEN',
    });
    expect(await claim(buyer.token, 'efficient-ac', unit(2026, 'I-1'))).toMatchObject({ status: 'review' });
  });

  it('keeps a day of steps each citizen’s own', async () => {
    const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const a = await api.login('walker-a');
    const b = await api.login('walker-b');
    const steps = { date: day, steps: 10_000 };
    const first = await claim(a.token, 'walking', steps);
    const second = await claim(b.token, 'walking', steps);
    expect(first.status).not.toBe('rejected');
    expect(second).toMatchObject({ status: first.status, grams: first.grams });
    expect(await claim(a.token, 'walking', steps)).toMatchObject({
      status: 'rejected',
      reasonCode: 'DUPLICATE_EVENT',
    });
  });

  it('lets exactly one of eight citizens racing for the same meter period have it', async () => {
    const citizens = await Promise.all(Array.from({ length: 8 }, (_, i) => api.login(`pv-racer-${i}`)));
    const submitted = await Promise.all(
      citizens.map((c) => submit(c.token, 'rooftop-pv', pv('INV-RACE-1', '2025-03-01', '2025-03-31'))),
    );
    expect(submitted.map((s) => s.status)).toEqual(Array(8).fill(202));
    const outcomes = await Promise.all(submitted.map((s, i) => decided(citizens[i].token, s.body.id)));
    const winners = outcomes.filter((o) => o.status === 'review');
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((o) => o.reasonCode === 'EVENT_CLAIMED_BY_ANOTHER_CITIZEN')).toHaveLength(7);

    await api.request('POST', `/admin/v1/reviews/${winners[0].id}/approve`, { token: admin, body: {} });
    const winner = citizens[outcomes.indexOf(winners[0])];
    expect(await decided(winner.token, winners[0].id, ['settled'])).toMatchObject({ grams: '636100' });
    const postings = await env.query<{ id: string }>(
      `SELECT id FROM ledger_postings WHERE cause_id = ANY($1)`,
      [submitted.map((s) => s.body.id)],
    );
    expect(postings).toHaveLength(1);
    const balances = await Promise.all(citizens.map((c) => account(c.token)));
    expect(balances.map((b) => b.grams).sort()).toEqual(['0', '0', '0', '0', '0', '0', '0', '636100']);
  });

  it('keeps the ledger reconciled', async () => {
    const report = await reconcile(api.app.get(DataSource).manager);
    expect(report.checks.length).toBeGreaterThan(0);
    expect(report.violations).toEqual([]);
  });

  it('gives claims made before the EventSubjects migration the subjects the worker gives them', async () => {
    const subjects = () =>
      env.query<{ methodology_id: string; event_subject: string }>(
        `SELECT methodology_id, event_subject FROM actions WHERE fingerprint IS NOT NULL ORDER BY id`,
      );
    const live = await subjects();
    expect(live.filter((r) => r.methodology_id === 'rooftop-pv').map((r) => r.event_subject)).toEqual(
      expect.arrayContaining(['rooftop-pv/INV-3701-7', 'rooftop-pv/INV-RACE-1']),
    );
    expect(live.find((r) => r.methodology_id === 'walking')?.event_subject).toMatch(
      /^[0-9a-f-]{36}:walking\//,
    );

    await acrossMigration(stack, 'EventSubjects1764748800000');
    expect(await subjects()).toEqual(live);
  });
});
