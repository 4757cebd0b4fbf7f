import { loadConfig } from '@app/config';
import { LeaderboardStore, scanKeys, type BoardScore, type BoardScoreSource } from '@app/queues';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The mark a rebuild leaves in Redis, by which a worker tells that Redis lost the boards (a flush, a
 * restart without persistence) and rebuilds them at once (apps/worker/src/recovery). Real Redis; the
 * ledger's scores come from a fixed list here, the part under test being what Redis holds.
 */
describe('leaderboards lost from Redis: the rebuild mark', () => {
  const prefix = `test-lblost-${randomUUID().slice(0, 8)}`;
  const redis = new Redis(REDIS_URL);
  const store = new LeaderboardStore(loadConfig({ REDIS_URL, QUEUE_PREFIX: prefix }));
  const mark = `${prefix}:lbmeta:built`;
  const rows: BoardScore[] = [{ citizenId: 'c1', districtCode: '370102', week: null, grams: 169n }];
  const source = (during?: () => Promise<unknown>): BoardScoreSource => ({
    scores: async () => {
      await during?.();
      return rows;
    },
    citizens: async (ids) => ids.map((id) => ({ id, districtCode: '370102', deleted: false })),
  });
  /** What a FLUSHALL does to this test's keys (the shared Redis is never flushed). */
  const flush = async () => {
    const keys = await scanKeys(redis, `${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  };

  afterAll(async () => {
    await flush();
    store.onApplicationShutdown();
    redis.disconnect();
  });

  it('is missing before any rebuild, and one caller claims the rebuild', async () => {
    expect(await store.claimRebuildIfMissing()).toBe(true);
    expect(await store.claimRebuildIfMissing()).toBe(false);
    // A claim expires if its worker dies before rebuilding.
    expect(await redis.pttl(mark)).toBeGreaterThan(0);
  });

  it('stays for good after a rebuild, and is gone with the boards after a flush', async () => {
    await store.rebuild(source());
    expect(await redis.pttl(mark)).toBe(-1);
    expect(await store.claimRebuildIfMissing()).toBe(false);
    expect(await store.top('all:all', 10)).toEqual([{ citizenId: 'c1', grams: 169n }]);
    await flush();
    expect(await store.claimRebuildIfMissing()).toBe(true);
  });

  it('is not set by a rebuild that a flush overtook, nor by one that failed', async () => {
    await redis.del(mark);
    // Flushed while the ledger is read: the staged boards survive (written after), the mark does not.
    await store.rebuild(source(flush));
    expect(await redis.exists(mark)).toBe(0);
    expect(await store.claimRebuildIfMissing()).toBe(true);

    const failing: BoardScoreSource = {
      ...source(),
      scores: () => Promise.reject(new Error('database gone')),
    };
    await expect(store.rebuild(failing)).rejects.toThrow('database gone');
    expect(await redis.exists(mark)).toBe(0);
  });

  it('gives a claim back when the rebuild could not run', async () => {
    expect(await store.claimRebuildIfMissing()).toBe(true);
    await store.releaseRebuildClaim();
    expect(await store.claimRebuildIfMissing()).toBe(true);
  });
});
