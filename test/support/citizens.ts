import { eventually, type ApiUnderTest } from './services.js';
import { idempotencyKey } from './trips.js';

/** Logs a citizen in and settles one bike trip of 2,952 m: floor(2.952 × 33.88) = 100 g, 100 points. */
export async function citizenWith100Points(
  api: ApiUnderTest,
  name: string,
): Promise<{ token: string; citizenId: string }> {
  const citizen = await api.login(name);
  const start = Date.now() - 5 * 3_600_000;
  const submit = await api.request<{ id: string }>('POST', '/v1/actions', {
    token: citizen.token,
    body: {
      methodology: 'cycling',
      data: {
        mode: 'bike',
        distanceM: 2952,
        startedAt: new Date(start).toISOString(),
        endedAt: new Date(start + 15 * 60_000).toISOString(),
      },
    },
    headers: { 'idempotency-key': idempotencyKey() },
  });
  await eventually(async () => {
    const { body } = await api.request<{ status: string }>('GET', `/v1/me/actions/${submit.body.id}`, {
      token: citizen.token,
    });
    return body.status === 'settled' ? true : undefined;
  });
  return citizen;
}
