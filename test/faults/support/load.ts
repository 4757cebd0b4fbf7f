import { HttpClient } from './http.js';
import { sleep } from './processes.js';

/** cycling v1, bike: 33.88 g per passenger-km, floored (METHODOLOGIES.md; seeds/methodologies/cycling.v1.ts). */
export const bikeGrams = (distanceM: number): number => Math.floor((distanceM * 3388) / 100_000);

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export interface PlannedTrip {
  citizen: string;
  key: string;
  body: {
    methodology: 'cycling';
    data: { mode: 'bike'; distanceM: number; startedAt: string; endedAt: string };
  };
  grams: number;
}

/**
 * Trips that the worker must credit in full: each citizen rides at most once per local (UTC+8) day,
 * 0.5–30 km (≤ 1,016 g, under the 1,500 g daily cap), at ≤ 20 km/h, between 10:00 and 16:00 local
 * time on one of the `tripsPerCitizen` days before today. So no trip overlaps another of the same
 * citizen, no cap applies, and the grams of each trip are known in advance. The list is shuffled so
 * citizens interleave in every batch.
 */
export function planTrips(options: {
  label: string;
  citizens: number;
  tripsPerCitizen: number;
  random: () => number;
}): PlannedTrip[] {
  const { label, citizens, tripsPerCitizen, random } = options;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  // 02:00 UTC (10:00 in China) on today's local date, then whole days back.
  const localToday = Math.floor((Date.now() + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
  const tenLocal = localToday + 10 * 3_600_000;
  const trips: PlannedTrip[] = [];
  for (let c = 0; c < citizens; c++) {
    const citizen = `${label}-c${String(c).padStart(5, '0')}`;
    for (let t = 0; t < tripsPerCitizen; t++) {
      const distanceM = int(500, 30_000);
      const minutes = Math.ceil((distanceM * 60) / 20_000) + int(0, 15);
      const start = tenLocal - (t + 1) * DAY_MS + int(0, 120) * 60_000;
      trips.push({
        citizen,
        key: `${label}-${c}-${t}-${Math.floor(random() * 1e9)}`,
        body: {
          methodology: 'cycling',
          data: {
            mode: 'bike',
            distanceM,
            startedAt: new Date(start).toISOString(),
            endedAt: new Date(start + minutes * 60_000).toISOString(),
          },
        },
        grams: bikeGrams(distanceM),
      });
    }
  }
  for (let i = trips.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [trips[i], trips[j]] = [trips[j], trips[i]];
  }
  return trips;
}

export interface Citizen {
  name: string;
  id: string;
  token: string;
}

/** Logs citizens in (dev adapter: code dev:<name>), retrying until each gets a token. */
export async function loginAll(
  api: HttpClient,
  names: string[],
  concurrency = 32,
  deadlineMs = 60_000,
): Promise<Map<string, Citizen>> {
  const citizens = new Map<string, Citizen>();
  const deadline = Date.now() + deadlineMs;
  await pool(names, concurrency, async (name) => {
    for (;;) {
      const res = await api.send<{ accessToken: string; citizenId: string }>('POST', '/v1/auth/wechat', {
        body: { code: `dev:${name}` },
      });
      if (res.status === 200) {
        citizens.set(name, { name, id: res.body.citizenId, token: res.body.accessToken });
        return;
      }
      if (Date.now() > deadline || api.closed)
        throw new Error(`login of ${name} failed: ${res.status} ${res.error ?? JSON.stringify(res.body)}`);
      await sleep(200);
    }
  });
  return citizens;
}

/** The trips a test plans to send and which of them the APIs accepted (202): the model's input. */
export class AcceptedActions {
  readonly planned = new Map<string, PlannedTrip>();
  readonly byKey = new Map<string, { actionId: string; trip: PlannedTrip }>();

  constructor(trips: PlannedTrip[] = []) {
    this.plan(trips);
  }

  plan(trips: PlannedTrip[]): void {
    for (const trip of trips) this.planned.set(trip.key, trip);
  }

  add(trip: PlannedTrip, actionId: string): void {
    const known = this.byKey.get(trip.key);
    if (known && known.actionId !== actionId)
      throw new Error(`key ${trip.key} answered two action ids: ${known.actionId} and ${actionId}`);
    this.byKey.set(trip.key, { actionId, trip });
  }

  get size(): number {
    return this.byKey.size;
  }
}

export interface SubmitStats {
  requests: number;
  accepted: number;
  /** Answers other than 202, by status ("0" = no answer: refused, reset, timed out). */
  notAccepted: Record<string, number>;
  /** Keys that were accepted only on a retry (same Idempotency-Key, same body). */
  acceptedOnRetry: number;
  /** Keys never accepted before the deadline. */
  gaveUp: number;
  durationMs: number;
}

/**
 * Submits every trip with at most `concurrency` requests in flight, spread over the APIs. A request
 * that does not get 202 is not accepted; with `retry` the client does what a real one does and sends
 * the same Idempotency-Key and body again (after a pause) until it gets 202 or the deadline passes.
 */
export async function submitTrips(options: {
  apis: HttpClient[];
  citizens: Map<string, Citizen>;
  trips: PlannedTrip[];
  accepted: AcceptedActions;
  concurrency: number;
  retry: boolean;
  deadlineMs?: number;
  /** A pause before each trip's first request (ms), asked afresh each time: to spread load out. */
  paceMs?: () => number;
  onProgress?: (done: number) => void;
}): Promise<SubmitStats> {
  const { apis, citizens, trips, accepted, concurrency, retry } = options;
  const started = Date.now();
  const deadline = started + (options.deadlineMs ?? 180_000);
  const stats: SubmitStats = {
    requests: 0,
    accepted: 0,
    notAccepted: {},
    acceptedOnRetry: 0,
    gaveUp: 0,
    durationMs: 0,
  };
  let done = 0;
  await pool(trips, concurrency, async (trip, index) => {
    const token = citizens.get(trip.citizen)?.token;
    if (!token) throw new Error(`no token for ${trip.citizen}`);
    const pace = options.paceMs?.() ?? 0;
    if (pace > 0) await sleep(pace);
    for (let attempt = 0; ; attempt++) {
      const api = apis[(index + attempt) % apis.length];
      stats.requests += 1;
      const res = await api.send<{ id: string }>('POST', '/v1/actions', {
        body: trip.body,
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': trip.key },
      });
      if (res.status === 202) {
        accepted.add(trip, res.body.id);
        stats.accepted += 1;
        if (attempt > 0) stats.acceptedOnRetry += 1;
        break;
      }
      const status = String(res.status);
      stats.notAccepted[status] = (stats.notAccepted[status] ?? 0) + 1;
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429)
        throw new Error(`trip ${trip.key} refused: ${res.status} ${JSON.stringify(res.body)}`);
      if (!retry || Date.now() > deadline || apis.every((a) => a.closed)) {
        stats.gaveUp += 1;
        break;
      }
      await sleep(Math.min(2_000, 100 * 2 ** attempt));
    }
    done += 1;
    options.onProgress?.(done);
  });
  stats.durationMs = Date.now() - started;
  return stats;
}

/** Runs fn over items with at most `limit` running at once. */
export async function pool<T>(
  items: T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const lane = async () => {
    while (next < items.length && failure === undefined) {
      const index = next++;
      try {
        await fn(items[index], index);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure !== undefined) throw failure;
}
