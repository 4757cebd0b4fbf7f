import type { TestEnvironment } from './support/environment.js';
import type { ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { cyclingTrip, idempotencyKey } from './support/trips.js';

/**
 * Citizens' submissions arriving together share one statement (the actions and their idempotency
 * records); each must still be answered, and recorded, exactly as if it had been alone.
 */
describe('submitted actions written together (group commit)', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;

  beforeAll(async () => {
    stack = await TestStack.start({ workers: 0 });
    ({ env, api } = stack);
  });

  afterAll(() => stack?.stop());

  const submit = (token: string, key: string, distanceM: number, startsMinutesAgo: number) =>
    api.request<{ id: string; status: string; code?: string }>('POST', '/v1/actions', {
      token,
      body: cyclingTrip(distanceM, 20, { startsMinutesAgo }),
      headers: { 'idempotency-key': key },
    });

  it('records each of many concurrent submissions with the answer its key replays', async () => {
    const citizens = await Promise.all(['gc-a', 'gc-b', 'gc-c'].map((name) => api.login(name)));
    const sent = Array.from({ length: 30 }, (_, i) => ({
      citizen: citizens[i % 3],
      key: idempotencyKey(`gc-${i}`),
      startsMinutesAgo: 120 + 30 * i,
    }));
    const answers = await Promise.all(sent.map((s) => submit(s.citizen.token, s.key, 4000, s.startsMinutesAgo)));
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(202));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(30);

    const records = await env.query<{ scope: string; key: string; status_code: number; response: unknown }>(
      `SELECT scope, key, status_code, response FROM idempotency_records WHERE scope = ANY($1::text[])`,
      [citizens.map((c) => `citizen:${c.citizenId}:actions`)],
    );
    expect(records).toHaveLength(30);
    sent.forEach((s, i) => {
      expect(records).toContainEqual({
        scope: `citizen:${s.citizen.citizenId}:actions`,
        key: s.key,
        status_code: 202,
        response: { id: answers[i].body.id, status: 'received' },
      });
    });

    const replay = await submit(sent[4].citizen.token, sent[4].key, 4000, sent[4].startsMinutesAgo);
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual({ id: answers[4].body.id, status: 'received' });
    const reused = await submit(sent[4].citizen.token, sent[4].key, 5000, sent[4].startsMinutesAgo);
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const rows = await env.query(`SELECT id FROM actions WHERE idempotency_key = ANY($1::text[])`, [
      sent.map((s) => s.key),
    ]);
    expect(rows).toHaveLength(30);
  });

  it('when the shared statement fails for one row, writes the others alone and nothing of that one', async () => {
    const { token, citizenId } = await api.login('gc-poison');
    const poison = idempotencyKey('gc-poison');
    // A rule only this one row breaks: the shared statement fails as a whole, nothing of it is written.
    await env.query(
      `ALTER TABLE actions ADD CONSTRAINT test_poisoned_key CHECK (idempotency_key <> '${poison}') NOT VALID`,
    );
    try {
      const keys = Array.from({ length: 8 }, (_, i) => idempotencyKey(`gc-ok-${i}`));
      const [refused, ...accepted] = await Promise.all([
        submit(token, poison, 3000, 100),
        ...keys.map((key, i) => submit(token, key, 3000, 200 + 30 * i)),
      ]);
      expect(accepted.map((a) => a.status)).toEqual(Array(8).fill(202));
      expect(refused.status).toBe(500);
      const written = await env.query<{ idempotency_key: string }>(
        `SELECT idempotency_key FROM actions WHERE citizen_id = $1`,
        [citizenId],
      );
      expect(written.map((r) => r.idempotency_key).sort()).toEqual([...keys].sort());
      const records = await env.query<{ key: string }>(`SELECT key FROM idempotency_records WHERE scope = $1`, [
        `citizen:${citizenId}:actions`,
      ]);
      expect(records.map((r) => r.key).sort()).toEqual([...keys].sort());
    } finally {
      await env.query(`ALTER TABLE actions DROP CONSTRAINT test_poisoned_key`);
    }
  });
});
