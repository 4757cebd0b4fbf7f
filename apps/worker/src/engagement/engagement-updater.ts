import { CitizenActivityRepository, LeaderboardScoresRepository } from '@app/persistence';
import { LeaderboardStore } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { BadgeAwarder } from './badge-awarder.js';

/**
 * Runs after a settlement batch has committed, outside its transaction: refreshes the settled
 * citizens' leaderboard scores and awards their badges. A failure here is logged, never thrown: the
 * ledger is already right, and the scheduled rebuild and badge catch-up repair anything missed.
 */
@Injectable()
export class EngagementUpdater {
  private readonly logger = new Logger(EngagementUpdater.name);

  constructor(
    private readonly activity: CitizenActivityRepository,
    private readonly scores: LeaderboardScoresRepository,
    private readonly boards: LeaderboardStore,
    private readonly badges: BadgeAwarder,
  ) {}

  async afterSettlement(actionIds: string[]): Promise<void> {
    try {
      const ids = await this.activity.citizensOfActions(actionIds);
      await this.boards.refreshCitizens(this.scores, ids);
      await this.badges.awardFor(ids);
    } catch (error) {
      this.logger.warn(`engagement update after settlement failed: ${(error as Error).message}`);
    }
  }
}
