import { eventually, type ApiUnderTest } from '../../support/services.js';
import { idempotencyKey } from '../../support/trips.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface SeededAction {
  id: string;
  citizen: string;
  citizenId: string;
  token: string;
  district: string;
  methodology: string;
  occurredAt: string;
  status: string;
  grams: string | null;
}

/** Citizens of several districts, each with a nickname, as a bureau's month of data has them. */
export const CITIZENS = [
  { name: 'month-lin', nickname: '林小骑', district: '370102' },
  { name: 'month-wang', nickname: '王大力', district: '370103' },
  { name: 'month-zhao', nickname: '赵公交', district: '370112' },
  { name: 'month-sun', nickname: '孙地铁', district: '370200' },
  { name: 'month-zhou', nickname: '周绿行', district: '370800' },
  { name: 'month-wu', nickname: '吴低碳', district: '370900' },
  { name: 'month-zheng', nickname: '郑环保', district: '370102' },
  { name: 'month-chen', nickname: '陈通勤', district: '370200' },
] as const;

const TRIPS = [
  { methodology: 'cycling', distanceM: 5200, minutes: 22 },
  { methodology: 'bus', distanceM: 9000, minutes: 30 },
  { methodology: 'metro', distanceM: 12_000, minutes: 25 },
] as const;

/** The China-time date of an instant. */
export const cstDate = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);

async function submit(
  api: ApiUnderTest,
  token: string,
  methodology: string,
  data: Record<string, unknown>,
): Promise<string> {
  const response = await api.request<{ id: string }>('POST', '/v1/actions', {
    token,
    body: { methodology, data },
    headers: { 'idempotency-key': idempotencyKey('month') },
  });
  if (response.status !== 202)
    throw new Error(`submit failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** Waits until the worker has settled, rejected or sent the action to review; returns the citizen's view. */
export const outcome = (
  api: ApiUnderTest,
  token: string,
  id: string,
  statuses = ['settled', 'review', 'rejected'],
) =>
  eventually(async () => {
    const { body } = await api.request<{ status: string; grams: string | null }>(
      'GET',
      `/v1/me/actions/${id}`,
      {
        token,
      },
    );
    return statuses.includes(body.status) ? body : undefined;
  }, 60_000);

/**
 * A month of self-reported trips through the real API: 24 trips, one every day from 23 days ago to
 * today, each by the next citizen in turn (so no citizen's trips overlap), cycling, bus and metro
 * in turn. Today's trip ended at least an hour ago.
 */
export async function seedMonthOfTrips(api: ApiUnderTest): Promise<SeededAction[]> {
  const citizens = await Promise.all(
    CITIZENS.map(async (c) => {
      const { token, citizenId } = await api.login(c.name, c.district);
      await api.request('PATCH', '/v1/me/profile', { token, body: { nickname: c.nickname } });
      return { ...c, token, citizenId };
    }),
  );
  const seeded: SeededAction[] = [];
  for (let i = 0; i < 24; i++) {
    const citizen = citizens[i % citizens.length];
    const trip = TRIPS[i % TRIPS.length];
    const daysAgo = 23 - i;
    // 08:00 China time that day, or for today two hours before now (whichever is earlier).
    const start = Math.min(
      Date.parse(`${cstDate(Date.now() - daysAgo * DAY)}T08:00:00+08:00`),
      Date.now() - 2 * HOUR,
    );
    const data = {
      ...(trip.methodology === 'cycling' ? { mode: 'bike' } : {}),
      distanceM: trip.distanceM,
      startedAt: new Date(start).toISOString(),
      endedAt: new Date(start + trip.minutes * 60_000).toISOString(),
    };
    const id = await submit(api, citizen.token, trip.methodology, data);
    seeded.push({
      id,
      citizen: citizen.nickname,
      citizenId: citizen.citizenId,
      token: citizen.token,
      district: citizen.district,
      methodology: trip.methodology,
      occurredAt: data.startedAt,
      status: 'received',
      grams: null,
    });
  }
  for (const action of seeded) Object.assign(action, await outcome(api, action.token, action.id));
  return seeded;
}

/** Claims the methodologies send to review: a 2.2-tonne air conditioner (efficient-ac@2) and a 22 kg clothes drop-off. */
export async function seedReviewClaims(api: ApiUnderTest) {
  const today = cstDate(Date.now());
  const ac = await api.login('month-ac-owner', '370900');
  const clothes = await api.login('month-clothes', '370900');
  const acId = await submit(api, ac.token, 'efficient-ac', {
    unitSerial: 'GREE-KFR-120-0001',
    invoiceId: 'INV-2026-0001',
    purchasedOn: today,
    creditYear: Number(today.slice(0, 4)),
    coolingCapacityW: 12_000,
    labelledAnnualKWh: '560',
  });
  const clothesId = await submit(api, clothes.token, 'clothes-recycling', {
    weightG: 6100,
    droppedAt: new Date(Date.now() - 3 * HOUR).toISOString(),
    receiptId: 'KIOSK-0001',
  });
  const acView = await outcome(api, ac.token, acId);
  const clothesView = await outcome(api, clothes.token, clothesId);
  return {
    ac: { id: acId, token: ac.token, ...acView },
    clothes: { id: clothesId, token: clothes.token, ...clothesView },
  };
}
