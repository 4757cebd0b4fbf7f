import { LeaderboardStore } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly boards: LeaderboardStore,
    private readonly badges: BadgeAwarder,
  ) {}

  async afterSettlement(actionIds: string[]): Promise<void> {
    try {
      const citizens = await this.dataSource.query<{ citizen_id: string }[]>(
        `SELECT DISTINCT citizen_id FROM actions WHERE id = ANY($1::uuid[])`,
        [actionIds],
      );
      const ids = citizens.map((c) => c.citizen_id);
      await this.boards.refreshCitizens(this.dataSource, ids);
      await this.badges.awardFor(ids);
    } catch (error) {
      this.logger.warn(`engagement update after settlement failed: ${(error as Error).message}`);
    }
  }
}
