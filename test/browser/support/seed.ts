import { cyclingTrip, idempotencyKey } from '../../support/trips.js';
import { eventually, type ApiUnderTest } from '../../support/services.js';

export interface ActionView {
  id: string;
  status: string;
  grams: string | null;
  points: string | null;
}

const DAY_MS = 86_400_000;

/** The citizen's own view of an action once it has left received/quantified. */
export function actionOutcome(api: ApiUnderTest, token: string, id: string, statuses: string[]) {
  return eventually(async () => {
    const { body } = await api.request<ActionView>('GET', `/v1/me/actions/${id}`, { token });
    return statuses.includes(body.status) ? body : undefined;
  });
}

/** A citizen of `district` submits a self-reported bike trip; resolves once it is settled or in review. */
export async function cyclingAction(
  api: ApiUnderTest,
  name: string,
  district: string,
  distanceM: number,
  minutes: number,
): Promise<ActionView & { token: string }> {
  const citizen = await api.login(name, district);
  const submitted = await api.request<{ id: string }>('POST', '/v1/actions', {
    token: citizen.token,
    body: cyclingTrip(distanceM, minutes, { startsMinutesAgo: 90 }),
    headers: { 'idempotency-key': idempotencyKey() },
  });
  if (submitted.status !== 202 && submitted.status !== 201)
    throw new Error(`submit failed: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  const view = await actionOutcome(api, citizen.token, submitted.body.id, ['settled', 'review', 'rejected']);
  return { ...view, token: citizen.token };
}

/** Publishes a cycling version that sends self-reported trips to review (as the review-queue e2e test does). */
export async function publishCyclingWithReview(api: ApiUnderTest, admin: string): Promise<number> {
  const draft = await api.request<{ version: number; params: Record<string, unknown> }>(
    'POST',
    '/admin/v1/methodologies/cycling/drafts',
    { token: admin, body: { effectiveFrom: new Date(Date.now() - DAY_MS).toISOString() } },
  );
  await api.request('PATCH', `/admin/v1/methodologies/cycling/versions/${draft.body.version}`, {
    token: admin,
    body: {
      params: { ...draft.body.params, selfReported: { accepted: true, review: true, perDayCapG: null } },
    },
  });
  const published = await api.request(
    'POST',
    `/admin/v1/methodologies/cycling/versions/${draft.body.version}/publish`,
    {
      token: admin,
    },
  );
  if (published.status !== 200) throw new Error(`publish failed: ${JSON.stringify(published.body)}`);
  return draft.body.version;
}

export async function createDraft(api: ApiUnderTest, admin: string, methodology: string): Promise<number> {
  const draft = await api.request<{ version: number; status: string }>(
    'POST',
    `/admin/v1/methodologies/${methodology}/drafts`,
    { token: admin, body: {} },
  );
  if (draft.status !== 201 || draft.body.status !== 'draft')
    throw new Error(`draft failed: ${draft.status} ${JSON.stringify(draft.body)}`);
  return draft.body.version;
}

export const sumOf = (values: (string | null)[]): string =>
  values.reduce((total, value) => total + BigInt(value ?? '0'), 0n).toString();

/** The dashboard's default range: the last 30 Asia/Shanghai calendar days, today included. */
export function lastThirtyDays(): { from: string; to: string } {
  const day = (at: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(at));
  return { from: day(Date.now() - 29 * DAY_MS), to: day(Date.now()) };
}
