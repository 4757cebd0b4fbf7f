import { APP_CONFIG, type AppConfig } from '@app/config';
import { CitizenActivityRepository, LeaderboardScoresRepository, ReadReplica } from '@app/persistence';
import { LeaderboardStore } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import { PeriodicTask } from '../common/periodic-task.js';
import { BadgeAwarder } from './badge-awarder.js';

/** Catch-up window for badges: citizens with an action settled this recently are re-evaluated. */
const BADGE_CATCH_UP_MS = 2 * 86_400_000;
/**
 * A settlement's settled_at is its transaction's start, which may precede the replica's as-of
 * instant although it committed after it: citizens settled this long before as-of are re-scored too.
 */
const SETTLEMENT_COMMIT_MARGIN_MS = 60_000;

/**
 * Every LEADERBOARD_REBUILD_INTERVAL_MS: rebuilds the leaderboards from the ledger (so a Redis flush
 * or a missed update heals) and re-evaluates badges of recently active citizens. Harmless to run on
 * every worker at once: both steps are idempotent.
 */
@Injectable()
export class LeaderboardRebuildService extends PeriodicTask {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly activity: CitizenActivityRepository,
    private readonly scores: LeaderboardScoresRepository,
    private readonly boards: LeaderboardStore,
    private readonly badges: BadgeAwarder,
    private readonly replica: ReadReplica,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.worker.leaderboardRebuildIntervalMs;
  }

  protected runScheduled(): Promise<unknown> {
    return this.run();
  }

  async run(now = new Date()): Promise<void> {
    // The full recount reads the read replica when it is fresh enough, else the primary. Citizens it
    // may have missed are then re-scored from the primary: those settled since the replica's as-of
    // instant, or, on the primary, those settled while the recount ran (their batches refreshed the
    // live boards, which the swap replaced with the recount).
    const startedAt = new Date();
    const { rebuilt, choice } = await this.replica.read(async (choice) => ({
      choice,
      rebuilt: await this.boards.rebuild(this.scores.on(choice.manager), now),
    }));
    const asOf = choice.source === 'replica' ? choice.asOf : startedAt;
    const since = new Date(asOf.getTime() - SETTLEMENT_COMMIT_MARGIN_MS);
    await this.boards.refreshCitizens(this.scores, await this.activity.citizensSettledSince(since), now);
    const recent = await this.activity.citizensSettledSince(new Date(now.getTime() - BADGE_CATCH_UP_MS));
    const awarded = await this.badges.awardFor(recent);
    this.logger.log(
      `rebuilt ${rebuilt.boards} leaderboard(s) from the ${choice.source}; ${awarded.length} badge(s) caught up`,
    );
  }
}
