import { DomainError, ErrorCode } from '@app/domain';
import { LeaderboardStore } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { CitizenStatus } from '../auth/citizen-status.js';
import { WechatSessionKeys } from '../auth/wechat/session-keys.js';

/** What the export holds beside the profile: one query per section, each taking the citizen id as $1. */
const EXPORT_SECTIONS = {
  accounts: `SELECT kind, asset, balance::text, version::text FROM accounts WHERE owner = $1::text ORDER BY kind`,
  actions: `SELECT id, methodology_id, source, payload, evidence, occurred_at, status, reason_code, grams::text, points::text,
                  requested_grams::text, cap_applied, campaign_id, trace, received_at, settled_at
           FROM actions WHERE citizen_id = $1 ORDER BY received_at`,
  ledgerEntries: `SELECT e.id::text, a.kind AS account, e.asset, e.amount::text, e.balance_after::text, e.created_at,
                  p.reason, p.cause_type, p.cause_id, p.details
           FROM accounts a JOIN ledger_entries e ON e.account_id = a.id JOIN ledger_postings p ON p.id = e.posting_id
           WHERE a.owner = $1::text ORDER BY e.id`,
  lots: `SELECT id::text, points::text, remaining::text, earned_at, expires_at FROM points_lots WHERE citizen_id = $1 ORDER BY id`,
  orders: `SELECT id, reward_id, partner_id, points::text, status, coupon_code, created_at, resolved_at
           FROM orders WHERE citizen_id = $1 ORDER BY created_at`,
  bindings: `SELECT id, partner_id, status, created_at, activated_at, revoked_at FROM bindings WHERE citizen_id = $1 ORDER BY created_at`,
  holds: `SELECT id, partner_id, points::text, confirmed_points::text, status, reference, expires_at, created_at, resolved_at
           FROM holds WHERE citizen_id = $1 ORDER BY created_at`,
  donations: `SELECT p.id::text AS posting_id, p.details->>'target' AS target, p.details->>'points' AS points, p.created_at
           FROM ledger_postings p WHERE p.reason = 'POINTS_DONATED' AND p.id IN (
             SELECT e.posting_id FROM ledger_entries e JOIN accounts a ON a.id = e.account_id WHERE a.owner = $1::text)
           ORDER BY p.id`,
  friends: `SELECT friend_id, created_at FROM friendships WHERE citizen_id = $1 ORDER BY friend_id`,
  teams: `SELECT t.id, t.name, t.kind, t.district_code, m.joined_at FROM team_members m JOIN teams t ON t.id = m.team_id
           WHERE m.citizen_id = $1 ORDER BY m.joined_at`,
  badges: `SELECT badge_id, evidence, awarded_at FROM citizen_badges WHERE citizen_id = $1 ORDER BY awarded_at`,
} as const;

/**
 * Export and deletion of a citizen's data.
 *
 * Deletion anonymises, because the ledger is append-only and must stay balanced: the citizen row
 * loses its openid digest (the WeChat user gets a fresh account at the next login) and is marked
 * deleted; the nickname, friendships, invites, team memberships and badges are deleted; bindings are
 * revoked; actions keep what the bureau's audit needs (methodology version, grams, trace, timestamps)
 * but lose their payload and evidence. Kept unchanged: ledger entries and accounts (they name only
 * the opaque citizen id), points lots (their points expire as usual), orders, holds and donations
 * (financial records of partners and the bureau).
 */
@Injectable()
export class PrivacyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly boards: LeaderboardStore,
    private readonly citizens: CitizenStatus,
    private readonly sessionKeys: WechatSessionKeys,
  ) {}

  async export(citizen: CitizenPrincipal) {
    const id = citizen.citizenId;
    const q = <T>(sql: string) => this.dataSource.query<T[]>(sql, [id]);
    const [profile] = await q<Record<string, unknown>>(
      `SELECT c.id, c.district_code, c.created_at, c.last_login_at, p.nickname
       FROM citizens c LEFT JOIN citizen_profiles p ON p.citizen_id = c.id WHERE c.id = $1 AND c.deleted_at IS NULL`,
    );
    if (!profile) throw new DomainError(ErrorCode.AccountDeleted, 'this account has been deleted');
    const sections = await Promise.all(
      Object.entries(EXPORT_SECTIONS).map(async ([name, sql]) => [name, await q(sql)] as const),
    );
    return {
      exportedAt: new Date().toISOString(),
      profile,
      ...(Object.fromEntries(sections) as Record<keyof typeof EXPORT_SECTIONS, Record<string, unknown>[]>),
    };
  }

  async delete(citizen: CitizenPrincipal): Promise<{ deleted: true; kept: string[] }> {
    const id = citizen.citizenId;
    await this.dataSource.transaction(async (m) => {
      const [row] = await m.query<{ deleted_at: Date | null }[]>(
        `SELECT deleted_at FROM citizens WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row || row.deleted_at)
        throw new DomainError(ErrorCode.AccountDeleted, 'this account has been deleted');
      await m.query(
        `UPDATE citizens SET openid_digest = 'deleted:' || id::text, deleted_at = now() WHERE id = $1`,
        [id],
      );
      await m.query(`DELETE FROM citizen_profiles WHERE citizen_id = $1`, [id]);
      await m.query(`DELETE FROM friendships WHERE citizen_id = $1 OR friend_id = $1`, [id]);
      await m.query(`DELETE FROM friend_invites WHERE inviter_id = $1 AND accepted_at IS NULL`, [id]);
      await m.query(`DELETE FROM team_members WHERE citizen_id = $1`, [id]);
      await m.query(`DELETE FROM citizen_badges WHERE citizen_id = $1`, [id]);
      await m.query(
        `UPDATE bindings SET status = 'revoked', revoked_at = coalesce(revoked_at, now()), code_digest = NULL
         WHERE citizen_id = $1 AND status <> 'revoked'`,
        [id],
      );
      await m.query(
        `UPDATE actions SET payload = '{"scrubbed": true}'::jsonb, evidence = NULL, updated_at = now() WHERE citizen_id = $1`,
        [id],
      );
    });
    // Tokens already issued stop working from here on (on other replicas within 30 s).
    this.citizens.markDeleted(id);
    await this.boards.removeCitizen(id);
    await this.sessionKeys.forget(id);
    return {
      deleted: true,
      kept: [
        'ledger entries and accounts under the opaque citizen id (the ledger is append-only and must balance)',
        "actions' methodology version, grams, trace and timestamps (the audit of credited reductions), without payload or evidence",
        'points lots, orders, holds and donations (financial records)',
      ],
    };
  }
}
