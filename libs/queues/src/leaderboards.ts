import { APP_CONFIG, type AppConfig } from '@app/config';
import { cstDayStart, cstWeekStart } from '@app/domain';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';

export type BoardPeriod = 'week' | 'all';

/** Weekly boards kept: this week and the three before it (older weeks are not rebuilt or updated). */
export const WEEKS_KEPT = 4;

export interface BoardEntry {
  citizenId: string;
  grams: bigint;
}

/**
 * Order of every board: more grams first; equal grams, the lower citizen id first. Redis gives this
 * order for free when the score is minus the grams (ZRANGE ascending, ties by member ascending).
 */
export function compareEntries(a: BoardEntry, b: BoardEntry): number {
  if (a.grams !== b.grams) return a.grams > b.grams ? -1 : 1;
  return a.citizenId < b.citizenId ? -1 : a.citizenId > b.citizenId ? 1 : 0;
}

/** The weeks (Monday, CST) a board is kept for, newest first. */
export function keptWeeks(now = new Date()): string[] {
  const monday = cstDayStart(cstWeekStart(now));
  return Array.from({ length: WEEKS_KEPT }, (_, i) =>
    cstWeekStart(new Date(monday.getTime() - i * 7 * 86_400_000)),
  );
}

/** A citizen's score on the all-time boards (week null) or on the boards of one CST week (its Monday). */
export interface BoardScore {
  citizenId: string;
  districtCode: string;
  week: string | null;
  grams: bigint;
}

/**
 * Where boards come from: the ledger. The caller passes it in (the persistence library's
 * `LeaderboardScoresRepository`), so this library does Redis work only.
 */
export interface BoardScoreSource {
  /**
   * Grams credited to citizens not deleted (all of them, or those ids): all-time, and per CST week
   * for actions that occurred since `since`.
   */
  scores(citizenIds: string[] | undefined, since: Date): Promise<BoardScore[]>;
  /** These citizens' districts, and whether each is deleted. */
  citizens(citizenIds: string[]): Promise<{ id: string; districtCode: string; deleted: boolean }[]>;
}

/**
 * Leaderboards as Redis sorted sets, a derived view of the ledger: a board's score is the grams
 * credited to a citizen's carbon account (settled actions), all-time or for the CST week the action
 * happened in, by the citizen's district and over everyone (the friends board reads the latter).
 * Deleted citizens are on no board. Everything here can be rebuilt from Postgres at any time, from
 * the `BoardScoreSource` the caller passes.
 */
@Injectable()
export class LeaderboardStore implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.prefix = `${config.redis.queuePrefix}:lb:`;
    this.redis = new Redis(config.redis.url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.redis.on('error', () => undefined);
  }

  /** A board's Redis key (without the prefix). */
  static key(period: BoardPeriod, scope: { district: string } | 'all', week?: string): string {
    const p = period === 'all' ? 'all' : `week:${week}`;
    return scope === 'all' ? `${p}:all` : `${p}:d:${scope.district}`;
  }

  /** After the in-flight requests and batches have finished (they run until the shutdown phase). */
  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  /** Recomputes the scores of some citizens from Postgres and writes them (absolute, so re-running is harmless). */
  async refreshCitizens(source: BoardScoreSource, citizenIds: string[], now = new Date()): Promise<void> {
    if (!citizenIds.length) return;
    const ids = [...new Set(citizenIds)];
    const boards = await this.computeBoards(source, ids, now);
    const weeks = keptWeeks(now);
    const districts = await source.citizens(ids);
    await this.connect();
    const multi = this.redis.multi();
    for (const c of districts) {
      for (const period of ['all', ...weeks.map((w) => `week:${w}`)]) {
        for (const scope of ['all', `d:${c.districtCode}`]) {
          const key = `${period}:${scope}`;
          const grams = c.deleted ? undefined : boards.get(key)?.get(c.id);
          if (grams && grams > 0n) multi.zadd(this.prefix + key, String(-grams), c.id);
          else multi.zrem(this.prefix + key, c.id);
        }
      }
    }
    await multi.exec();
  }

  /** Takes a citizen off every board (used when an account is deleted). */
  async removeCitizen(citizenId: string): Promise<void> {
    await this.connect();
    const keys = await this.liveKeys();
    if (keys.length) {
      const multi = this.redis.multi();
      for (const key of keys) multi.zrem(key, citizenId);
      await multi.exec();
    }
  }

  /**
   * Rebuilds every board from Postgres: builds new sets under temporary names, then in one MULTI
   * renames them over the live ones and deletes boards that no longer have anyone.
   */
  async rebuild(source: BoardScoreSource, now = new Date()): Promise<{ boards: number; entries: number }> {
    const boards = await this.computeBoards(source, undefined, now);
    await this.connect();
    const staging = `${this.prefix}rebuild:${randomUUID()}:`;
    let entries = 0;
    const build = this.redis.pipeline();
    for (const [key, scores] of boards) {
      const args: string[] = [];
      for (const [citizenId, grams] of scores) {
        if (grams <= 0n) continue;
        args.push(String(-grams), citizenId);
        entries += 1;
      }
      if (args.length) build.zadd(staging + key, ...args);
    }
    await build.exec();
    const built = await this.scan(`${staging}*`);
    const live = await this.liveKeys();
    const swap = this.redis.multi();
    const builtLive = new Set(built.map((k) => this.prefix + k.slice(staging.length)));
    for (const key of live) if (!builtLive.has(key)) swap.del(key);
    for (const key of built) swap.rename(key, this.prefix + key.slice(staging.length));
    await swap.exec();
    return { boards: built.length, entries };
  }

  /** The top of a board, in board order. */
  async top(key: string, limit: number): Promise<BoardEntry[]> {
    await this.connect();
    const flat = await this.redis.zrange(this.prefix + key, 0, limit - 1, 'WITHSCORES');
    const entries: BoardEntry[] = [];
    for (let i = 0; i < flat.length; i += 2)
      entries.push({ citizenId: flat[i], grams: -BigInt(flat[i + 1]) });
    return entries;
  }

  /** A citizen's 1-based rank on a board, or null when not on it. */
  async rank(key: string, citizenId: string): Promise<number | null> {
    await this.connect();
    const rank = await this.redis.zrank(this.prefix + key, citizenId);
    return rank === null ? null : rank + 1;
  }

  /** Some citizens' scores on a board (absent citizens are left out), in board order. */
  async scoresOf(key: string, citizenIds: string[]): Promise<BoardEntry[]> {
    if (!citizenIds.length) return [];
    await this.connect();
    const scores = await this.redis.zmscore(this.prefix + key, ...citizenIds);
    return citizenIds
      .map((citizenId, i) => ({ citizenId, score: scores[i] }))
      .filter((e): e is { citizenId: string; score: string } => e.score !== null)
      .map((e) => ({ citizenId: e.citizenId, grams: -BigInt(e.score) }))
      .sort(compareEntries);
  }

  /** Every live board with its members and scores, for comparisons (tests, the CLI's --verify). */
  async dump(): Promise<Record<string, string[]>> {
    await this.connect();
    const out: Record<string, string[]> = {};
    for (const key of (await this.liveKeys()).sort())
      out[key.slice(this.prefix.length)] = await this.redis.zrange(key, 0, -1, 'WITHSCORES');
    return out;
  }

  private async computeBoards(source: BoardScoreSource, ids: string[] | undefined, now: Date) {
    const weeks = keptWeeks(now);
    const rows = await source.scores(ids, cstDayStart(weeks[weeks.length - 1]));
    const boards = new Map<string, Map<string, bigint>>();
    const add = (key: string, citizenId: string, grams: bigint) => {
      const board = boards.get(key) ?? new Map<string, bigint>();
      board.set(citizenId, grams);
      boards.set(key, board);
    };
    for (const row of rows) {
      if (row.week !== null && !weeks.includes(row.week)) continue;
      const period = row.week === null ? 'all' : `week:${row.week}`;
      add(`${period}:all`, row.citizenId, row.grams);
      add(`${period}:d:${row.districtCode}`, row.citizenId, row.grams);
    }
    return boards;
  }

  private async liveKeys(): Promise<string[]> {
    return (await this.scan(`${this.prefix}*`)).filter((k) => !k.startsWith(`${this.prefix}rebuild:`));
  }

  private async scan(pattern: string): Promise<string[]> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    return keys;
  }

  private async connect(): Promise<void> {
    if (this.redis.status === 'wait') await this.redis.connect();
  }
}
