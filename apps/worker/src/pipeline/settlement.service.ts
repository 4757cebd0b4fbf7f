import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  AccountKind,
  LedgerWriter,
  actionSettlementPosting,
  consumeLots,
  laneOrder,
  onCounterShard,
  openLots,
  organisationSettlementPosting,
  settlementShortfalls,
  type ActionSettlement,
  type Posting,
} from '@app/ledger';
import {
  AccountBalancesRepository,
  ActionSettlementRepository,
  type QuantifiedAction,
} from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * quantified → settled: one transaction per batch writes every posting, the aggregated balance
 * updates and the status changes, so a batch is all-or-nothing whatever kills the worker.
 *
 * Batches run in lanes (issue 14): a lane is a fixed share of the citizens plus its own shard of the
 * points issuance and pool accounts, held by one transaction at a time. Two workers settle two lanes
 * and so lock disjoint account rows: settlement scales with workers instead of queueing every batch
 * on the issuance account.
 */
@Injectable()
export class SettlementService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerWriter,
    private readonly actions: ActionSettlementRepository,
    private readonly accounts: AccountBalancesRepository,
  ) {}

  /** Returns how many actions it settled. */
  async settleBatch(): Promise<number> {
    return (await this.settleBatchIds()).length;
  }

  /** Settles one batch; returns the ids of the actions it settled, once the transaction has committed. */
  async settleBatchIds(): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const { lane, rows } = await this.claimInLane(manager);
      if (!rows.length) return [];
      const replaced = await this.settledReplacements(manager, rows);
      // Organisations' actions credit their own record (issue 15); citizens' walk the shortfall rule.
      const settlements = rows
        .filter((row) => !row.organisationId)
        .map((row): ActionSettlement => ({
          actionId: row.id,
          citizenId: row.citizenId!,
          region: row.districtCode,
          grams: row.grams,
          points: row.points,
          methodologyId: row.methodologyId,
          methodologyVersion: row.methodologyVersion,
          supersedes: replaced.byAction.get(row.id),
        }));
      // Spent points are not clawed below zero: what a citizen cannot give back is recorded on the posting.
      const shortfalls = settlementShortfalls(settlements, replaced.balances);
      const citizenPostings = new Map(
        settlements.map((settlement, i) => [
          settlement.actionId,
          actionSettlementPosting({ ...settlement, pointsShortfall: shortfalls[i] }),
        ]),
      );
      const postings = rows.map((row) =>
        onCounterShard(
          citizenPostings.get(row.id) ?? this.organisationPosting(row, replaced.byAction.get(row.id)),
          lane,
        ),
      );
      await this.withoutOrganisationPoints(manager, rows);
      const { postingIds, writtenKeys } = await this.ledger.post(manager, postings);
      await this.keepLots(manager, postings, postingIds, writtenKeys);
      await this.actions.markSettled(
        manager,
        rows,
        postings.map((p) => postingIds.get(p.idempotencyKey)),
      );
      return rows.map((r) => r.id);
    });
  }

  /** The lane this process tries first next time: each batch moves on, so the lanes drain evenly. */
  private nextLane: number | undefined;

  /**
   * Takes the first free lane with work, starting after the lane of the previous batch (at a random
   * one in a new process, so workers spread over the lanes). Lanes drained evenly keep the claim cheap:
   * it walks the queue in order past the other lanes' older actions. Lanes another transaction holds
   * are skipped, never waited for; when every free lane is empty the batch is empty (the holders of
   * the others are settling them).
   */
  private async claimInLane(manager: EntityManager): Promise<{ lane: number; rows: QuantifiedAction[] }> {
    const { batchSize, settlementLanes: lanes } = this.config.worker;
    if (lanes <= 1) return { lane: 0, rows: await this.actions.claimQuantified(manager, batchSize) };
    for (const lane of laneOrder(lanes, (this.nextLane ??= randomInt(lanes)) % lanes)) {
      if (!(await this.actions.tryLane(manager, lane))) continue;
      const rows = await this.actions.claimQuantified(manager, batchSize, { lane, lanes });
      if (rows.length) {
        this.nextLane = lane + 1;
        return { lane, rows };
      }
    }
    return { lane: 0, rows: [] };
  }

  /**
   * For actions that replace settled reports of the same event: what those reports were credited,
   * and the points balances of their citizens before the batch (what a negative difference can take back).
   */
  private async settledReplacements(manager: EntityManager, rows: QuantifiedAction[]) {
    const byAction = new Map<string, { actionId: string; grams: bigint; points: bigint }[]>();
    const replacing = rows.filter((r) => r.supersedes?.length);
    if (!replacing.length) return { byAction, balances: new Map<string, bigint>() };
    const settled = await this.actions.settledAmong(
      manager,
      replacing.flatMap((r) => r.supersedes!),
    );
    for (const s of settled) {
      const list = byAction.get(s.supersededBy) ?? [];
      list.push({ actionId: s.id, grams: s.grams, points: s.points });
      byAction.set(s.supersededBy, list);
    }
    const balances = await this.accounts.balances(
      manager,
      AccountKind.CitizenPoints,
      replacing.filter((r) => !r.organisationId).map((r) => r.citizenId!),
    );
    return { byAction, balances };
  }

  /** Issue 15: an organisation's action credits its own record (and points only as the program says). */
  private organisationPosting(
    row: QuantifiedAction,
    supersedes: { actionId: string; grams: bigint; points: bigint }[] | undefined,
  ): Posting {
    return organisationSettlementPosting({
      actionId: row.id,
      organisationId: row.organisationId!,
      region: row.districtCode,
      grams: row.grams,
      points: row.points,
      earnsPoints: this.config.organisations.points === 'credited',
      methodologyId: row.methodologyId,
      methodologyVersion: row.methodologyVersion,
      supersedes,
    });
  }

  /** An organisation's action that issues no points says so on its row, so reports and reconciliation agree. */
  private async withoutOrganisationPoints(manager: EntityManager, rows: QuantifiedAction[]): Promise<void> {
    if (this.config.organisations.points === 'credited') return;
    const ids = rows.filter((r) => r.organisationId && r.points !== 0n).map((r) => r.id);
    await this.actions.clearPoints(manager, ids);
  }

  /** Points credited open a lot (expiring at the end of the next year); points given back consume lots. */
  private async keepLots(
    manager: EntityManager,
    postings: Posting[],
    postingIds: Map<string, string>,
    written: Set<string>,
  ): Promise<void> {
    const now = new Date();
    const opened: { citizenId: string; postingId: string; points: bigint; earnedAt: Date }[] = [];
    for (const posting of postings) {
      if (!written.has(posting.idempotencyKey)) continue;
      for (const line of posting.lines) {
        if (line.account.kind !== AccountKind.CitizenPoints) continue;
        if (line.amount > 0n) {
          opened.push({
            citizenId: line.account.owner,
            postingId: postingIds.get(posting.idempotencyKey)!,
            points: line.amount,
            earnedAt: now,
          });
        } else {
          await consumeLots(manager, line.account.owner, -line.amount);
        }
      }
    }
    await openLots(manager, opened);
  }
}
