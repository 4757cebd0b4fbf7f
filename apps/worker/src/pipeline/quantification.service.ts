import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  AcceptedEvents,
  UsageLedger,
  assessReceived,
  decideAction,
  tripWindow,
  type ActionOutcome,
} from '@app/methodologies';
import { ActionPipelineRepository, MethodologyCatalog, type Supersession } from '@app/persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * received → quantified | review | rejected, a batch per transaction. Rows are claimed with SKIP
 * LOCKED so workers never take the same action; citizens and event subjects are serialised with
 * advisory locks (taken in one order) so overlap, duplicate and cap checks see every earlier action
 * of the same citizen, and every earlier claim of the same device, receipt or unit.
 */
@Injectable()
export class QuantificationService {
  private readonly logger = new Logger('Quantification');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: MethodologyCatalog,
    private readonly actions: ActionPipelineRepository,
  ) {}

  /** Returns how many actions it moved. */
  async quantifyBatch(): Promise<number> {
    const snapshot = await this.catalog.get(0);
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.actions.claimReceived(manager, this.config.worker.batchSize);
      if (!rows.length) return 0;
      const context = { versions: snapshot.versions, factors: snapshot.factors };
      const assessed = rows.map((row) => assessReceived(row, context));
      assessed.forEach(({ failure }, i) => {
        if (failure !== undefined) this.logger.error(`quantifying action ${rows[i].id} failed: ${failure}`);
      });
      // Holders: citizens, or the organisations their actions are for (caps and claims are theirs).
      const holders = [...new Set(rows.map((r) => r.holderId))];
      const subjects = [...new Set(assessed.flatMap((a) => (a.subject ? [a.subject] : [])))];
      await this.actions.lockCitizensAndEvents(manager, holders, subjects);
      const events = AcceptedEvents.of(
        await this.actions.acceptedEvents(manager, holders, tripWindow(rows), subjects),
      );
      const months = UsageLedger.months(rows.map((r) => r.occurredAt));
      const usage = UsageLedger.of(months ? await this.actions.creditedUsage(manager, holders, months) : []);
      const outcomes = rows.map((row, i) =>
        decideAction(row, assessed[i], snapshot.pointsRules, snapshot.campaigns, events, usage),
      );
      await this.actions.saveOutcomes(manager, outcomes);
      // After the batch's own update: an action superseded within the same batch is quantified by now.
      const replaced = supersessions(outcomes);
      if (replaced.length) await this.actions.supersede(manager, replaced);
      return rows.length;
    });
  }
}

/**
 * What a more trusted report replaces. Not yet settled: rejected as superseded (it will never be
 * credited, so it keeps no credited grams or points). Already settled: left settled, and the new
 * action's settlement posts only the difference. A row being settled right now is waited for, then
 * seen as settled.
 */
function supersessions(outcomes: readonly ActionOutcome[]): Supersession[] {
  return outcomes.flatMap((o) => (o.supersedes ?? []).map((replaced) => ({ replaced, by: o.id })));
}
