import { APP_CONFIG, type AppConfig } from '@app/config';
import { cstDayStart, cstWeekStart } from '@app/domain';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { BoardWrites } from './board-writes.js';
import { createRedisClient, scanKeys, type RedisClient } from './redis-connection.js';

export type BoardPeriod = 'week' | 'all';

/** How long a rebuild's mark lasts before the rebuild is done: a rebuild whose worker died is redone. */
const REBUILD_CLAIM_MS = 30 * 60_000;

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
  private readonly redis: RedisClient;
  private readonly prefix: string;
  /** Exists while the boards in Redis are the product of a rebuild: gone means Redis lost them. */
  private readonly builtKey: string;
  /** On a cluster every board key is a hash tag, so a board and its rebuild copy share a slot. */
  private readonly cluster: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.prefix = `${config.redis.queuePrefix}:lb:`;
    this.builtKey = `${config.redis.queuePrefix}:lbmeta:built`;
    this.cluster = Boolean(config.redis.cluster);
    this.redis = createRedisClient(config.redis, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.redis.on('error', () => undefined);
  }

  /** A board's Redis key: `<prefix>:lb:<board>`, or `<prefix>:lb:{<board>}` on a cluster. */
  private redisKey(board: string, staging = ''): string {
    return `${this.prefix}${staging}${this.cluster ? `{${board}}` : board}`;
  }

  /** The board a live key holds (the inverse of redisKey). */
  private boardOf(redisKey: string): string {
    const board = redisKey.slice(this.prefix.length);
    return this.cluster ? board.slice(1, -1) : board;
  }

  /** A board's name, e.g. `all:d:370102` or `week:2026-11-30:all`. */
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
    const writes = new BoardWrites(this.redis, this.cluster);
    for (const c of districts) {
      for (const period of ['all', ...weeks.map((w) => `week:${w}`)]) {
        for (const scope of ['all', `d:${c.districtCode}`]) {
          const key = `${period}:${scope}`;
          const grams = c.deleted ? undefined : boards.get(key)?.get(c.id);
          if (grams && grams > 0n) writes.to(key).zadd(this.redisKey(key), String(-grams), c.id);
          else writes.to(key).zrem(this.redisKey(key), c.id);
        }
      }
    }
    await writes.exec();
  }

  /** Takes a citizen off every board (used when an account is deleted). */
  async removeCitizen(citizenId: string): Promise<void> {
    await this.connect();
    const writes = new BoardWrites(this.redis, this.cluster);
    for (const key of await this.liveKeys()) writes.to(this.boardOf(key)).zrem(key, citizenId);
    await writes.exec();
  }

  /**
   * Rebuilds every board from Postgres: builds new sets under temporary names, then in one MULTI
   * renames them over the live ones and deletes boards that no longer have anyone. (On a cluster,
   * one MULTI per board: see BoardWrites.)
   */
  async rebuild(source: BoardScoreSource, now = new Date()): Promise<{ boards: number; entries: number }> {
    // Marked (for a while) before reading the ledger, and for good once swapped in, unless the mark
    // vanished meanwhile: a flush from the start on removes it, and the next check rebuilds again.
    // A rebuild that fails takes the mark away; one whose process dies lets it expire.
    await this.connect();
    await this.redis.set(this.builtKey, `rebuilding since ${now.toISOString()}`, 'PX', REBUILD_CLAIM_MS);
    try {
      const result = await this.buildAndSwap(source, now);
      await this.redis.set(this.builtKey, `built ${now.toISOString()}`, 'XX');
      return result;
    } catch (error) {
      await this.redis.del(this.builtKey).catch(() => undefined);
      throw error;
    }
  }

  /**
   * True when Redis has lost the boards (flushed, or restarted without persistence) or never had
   * them, and this caller is the one to rebuild them: one SET NX, cheap enough every few seconds,
   * and of the workers that find the mark gone at the same moment only one rebuilds.
   */
  async claimRebuildIfMissing(): Promise<boolean> {
    await this.connect();
    return (await this.redis.set(this.builtKey, 'claimed', 'PX', REBUILD_CLAIM_MS, 'NX')) === 'OK';
  }

  /** Gives a claim up (the rebuild could not run): the next check claims again. */
  async releaseRebuildClaim(): Promise<void> {
    await this.redis.del(this.builtKey);
  }

  private async buildAndSwap(
    source: BoardScoreSource,
    now: Date,
  ): Promise<{ boards: number; entries: number }> {
    const boards = await this.computeBoards(source, undefined, now);
    const staging = `rebuild:${randomUUID()}:`;
    let entries = 0;
    const build = new BoardWrites(this.redis, this.cluster, 'pipeline');
    const built: string[] = [];
    for (const [key, scores] of boards) {
      const args: string[] = [];
      for (const [citizenId, grams] of scores) {
        if (grams <= 0n) continue;
        args.push(String(-grams), citizenId);
        entries += 1;
      }
      if (args.length) {
        build.to(key).zadd(this.redisKey(key, staging), ...args);
        built.push(key);
      }
    }
    await build.exec();
    const live = await this.liveKeys();
    const swap = new BoardWrites(this.redis, this.cluster);
    const builtLive = new Set(built.map((key) => this.redisKey(key)));
    for (const key of live) if (!builtLive.has(key)) swap.to(this.boardOf(key)).del(key);
    for (const key of built) swap.to(key).rename(this.redisKey(key, staging), this.redisKey(key));
    await swap.exec();
    return { boards: built.length, entries };
  }

  /** The top of a board, in board order. */
  async top(key: string, limit: number): Promise<BoardEntry[]> {
    await this.connect();
    const flat = await this.redis.zrange(this.redisKey(key), 0, limit - 1, 'WITHSCORES');
    const entries: BoardEntry[] = [];
    for (let i = 0; i < flat.length; i += 2)
      entries.push({ citizenId: flat[i], grams: -BigInt(flat[i + 1]) });
    return entries;
  }

  /** A citizen's 1-based rank on a board, or null when not on it. */
  async rank(key: string, citizenId: string): Promise<number | null> {
    await this.connect();
    const rank = await this.redis.zrank(this.redisKey(key), citizenId);
    return rank === null ? null : rank + 1;
  }

  /** Some citizens' scores on a board (absent citizens are left out), in board order. */
  async scoresOf(key: string, citizenIds: string[]): Promise<BoardEntry[]> {
    if (!citizenIds.length) return [];
    await this.connect();
    const scores = await this.redis.zmscore(this.redisKey(key), ...citizenIds);
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
      out[this.boardOf(key)] = await this.redis.zrange(key, 0, -1, 'WITHSCORES');
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
    return (await scanKeys(this.redis, `${this.prefix}*`)).filter(
      (k) => !k.startsWith(`${this.prefix}rebuild:`),
    );
  }

  private async connect(): Promise<void> {
    if (this.redis.status === 'wait') await this.redis.connect();
  }
}
