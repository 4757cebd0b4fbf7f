import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  AccountKind,
  LedgerWriter,
  actionSettlementPosting,
  consumeLots,
  openLots,
  organisationSettlementPosting,
  type ActionSettlement,
  type Posting,
} from '@app/ledger';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

interface QuantifiedRow {
  id: string;
  citizen_id: string;
  district_code: string;
  methodology_id: string;
  version: number;
  grams: string;
  points: string;
  supersedes: string[] | null;
  organisation_id: string | null;
}

/**
 * quantified → settled: one transaction per batch writes every posting, the aggregated balance
 * updates and the status changes, so a batch is all-or-nothing whatever kills the worker.
 */
@Injectable()
export class SettlementService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerWriter,
  ) {}

  /** Returns how many actions it settled. */
  async settleBatch(): Promise<number> {
    return (await this.settleBatchIds()).length;
  }

  /** Settles one batch; returns the ids of the actions it settled, once the transaction has committed. */
  async settleBatchIds(): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<QuantifiedRow[]>(
        `SELECT a.id, a.citizen_id, a.district_code, a.methodology_id, v.version, a.grams, a.points, a.supersedes, a.organisation_id
         FROM actions a JOIN methodology_versions v ON v.id = a.methodology_version_id
         WHERE a.status = 'quantified' ORDER BY a.quantified_at, a.id LIMIT $1
         FOR UPDATE OF a SKIP LOCKED`,
        [this.config.worker.batchSize],
      );
      if (!rows.length) return [];
      const replaced = await this.settledReplacements(manager, rows);
      const postings = rows.map((row) => {
        if (row.organisation_id) return this.organisationPosting(row, replaced.byAction.get(row.id));
        const settlement: ActionSettlement = {
          actionId: row.id,
          citizenId: row.citizen_id,
          region: row.district_code,
          grams: BigInt(row.grams),
          points: BigInt(row.points),
          methodologyId: row.methodology_id,
          methodologyVersion: row.version,
          supersedes: replaced.byAction.get(row.id),
        };
        return actionSettlementPosting({ ...settlement, pointsShortfall: replaced.shortfall(settlement) });
      });
      await this.withoutOrganisationPoints(manager, rows);
      const { postingIds, writtenKeys } = await this.ledger.post(manager, postings);
      await this.keepLots(manager, postings, postingIds, writtenKeys);
      await manager.query(
        `UPDATE actions a SET status = 'settled', posting_id = v.posting_id, settled_at = now(), updated_at = now()
         FROM unnest($1::uuid[], $2::bigint[]) AS v(id, posting_id) WHERE a.id = v.id`,
        [rows.map((r) => r.id), postings.map((p) => postingIds.get(p.idempotencyKey))],
      );
      return rows.map((r) => r.id);
    });
  }

  /** Issue 15: an organisation's action credits its own record (and points only as the program says). */
  private organisationPosting(
    row: QuantifiedRow,
    supersedes: { actionId: string; grams: bigint; points: bigint }[] | undefined,
  ): Posting {
    return organisationSettlementPosting({
      actionId: row.id,
      organisationId: row.organisation_id!,
      region: row.district_code,
      grams: BigInt(row.grams),
      points: BigInt(row.points),
      earnsPoints: this.config.organisations.points === 'credited',
      methodologyId: row.methodology_id,
      methodologyVersion: row.version,
      supersedes,
    });
  }

  /** An organisation's action that issues no points says so on its row, so reports and reconciliation agree. */
  private async withoutOrganisationPoints(manager: EntityManager, rows: QuantifiedRow[]): Promise<void> {
    if (this.config.organisations.points === 'credited') return;
    const ids = rows.filter((r) => r.organisation_id && r.points !== '0').map((r) => r.id);
    if (ids.length) await manager.query(`UPDATE actions SET points = 0 WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /**
   * For actions that replace settled reports of the same event: what those reports were credited,
   * and how much of a negative difference in points the citizen can still give back (spent points
   * are not clawed below zero; the shortfall is recorded on the posting).
   */
  private async settledReplacements(manager: EntityManager, rows: QuantifiedRow[]) {
    const byAction = new Map<string, { actionId: string; grams: bigint; points: bigint }[]>();
    const replacing = rows.filter((r) => r.supersedes?.length);
    const balances = new Map<string, bigint>();
    if (replacing.length) {
      const settled = await manager.query<
        { id: string; grams: string; points: string; superseded_by: string }[]
      >(
        `SELECT id, grams, points, superseded_by FROM actions WHERE id = ANY($1::uuid[]) AND status = 'settled'`,
        [replacing.flatMap((r) => r.supersedes!)],
      );
      for (const s of settled) {
        const list = byAction.get(s.superseded_by) ?? [];
        list.push({ actionId: s.id, grams: BigInt(s.grams), points: BigInt(s.points) });
        byAction.set(s.superseded_by, list);
      }
      const accounts = await manager.query<{ owner: string; balance: string }[]>(
        `SELECT owner, balance FROM accounts WHERE kind = $1 AND owner = ANY($2::text[])`,
        [AccountKind.CitizenPoints, replacing.map((r) => r.citizen_id)],
      );
      for (const a of accounts) balances.set(a.owner, BigInt(a.balance));
    }
    return {
      byAction,
      shortfall(s: ActionSettlement): bigint {
        if (!s.supersedes?.length) return 0n;
        const net = s.points - s.supersedes.reduce((sum, r) => sum + r.points, 0n);
        const balance = balances.get(s.citizenId) ?? 0n;
        const shortfall = net < 0n && -net > balance ? -net - balance : 0n;
        balances.set(s.citizenId, balance + net + shortfall);
        return shortfall;
      },
    };
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
