import { APP_CONFIG, type AppConfig } from '@app/config';
import { CitizenActivityRepository, LeaderboardScoresRepository } from '@app/persistence';
import { LeaderboardStore } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import { PeriodicTask } from '../common/periodic-task.js';
import { BadgeAwarder } from './badge-awarder.js';

/** Catch-up window for badges: citizens with an action settled this recently are re-evaluated. */
const BADGE_CATCH_UP_MS = 2 * 86_400_000;

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
    const rebuilt = await this.boards.rebuild(this.scores, now);
    const recent = await this.activity.citizensSettledSince(new Date(now.getTime() - BADGE_CATCH_UP_MS));
    const awarded = await this.badges.awardFor(recent);
    this.logger.log(`rebuilt ${rebuilt.boards} leaderboard(s); ${awarded.length} badge(s) caught up`);
  }
}
