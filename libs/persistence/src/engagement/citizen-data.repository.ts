import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actionColumnList, actionColumnsOf } from '../actions/action-row.js';

const a = actionColumnsOf();
/** The columns of the export's actions section, in order (the API documents them from this). */
export const EXPORTED_ACTION_COLUMNS = actionColumnList(
  'id',
  'methodologyId',
  'source',
  'payload',
  'evidence',
  'occurredAt',
  'status',
  'reasonCode',
  'grams',
  'points',
  'requestedGrams',
  'capApplied',
  'campaignId',
  'trace',
  'receivedAt',
  'settledAt',
);

/** What the export holds beside the profile: one query per section, each taking the citizen id as $1. */
const EXPORT_SECTIONS = {
  accounts: `SELECT kind, asset, balance::text, version::text FROM accounts WHERE owner = $1::text ORDER BY kind`,
  // Keyed by the column names, as every section is (the export says "as stored").
  actions: `SELECT ${EXPORTED_ACTION_COLUMNS} FROM actions WHERE ${a.citizenId} = $1 ORDER BY ${a.receivedAt}`,
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

/** The sections of a citizen's data export, each as the rows stored (column names as in the tables). */
export type CitizenDataSections = Record<keyof typeof EXPORT_SECTIONS, Record<string, unknown>[]>;

/**
 * All the data held about one citizen, for its export, and its anonymisation when the account is
 * deleted (what is kept and why is the privacy service's rule; this says how).
 */
@Injectable()
export class CitizenDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The profile of a citizen not deleted (id, district, sign-up, last login, nickname); undefined otherwise. */
  async exportProfile(citizenId: string): Promise<Record<string, unknown> | undefined> {
    const [profile] = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT c.id, c.district_code, c.created_at, c.last_login_at, p.nickname
       FROM citizens c LEFT JOIN citizen_profiles p ON p.citizen_id = c.id WHERE c.id = $1 AND c.deleted_at IS NULL`,
      [citizenId],
    );
    return profile;
  }

  async exportSections(citizenId: string): Promise<CitizenDataSections> {
    const sections = await Promise.all(
      Object.entries(EXPORT_SECTIONS).map(
        async ([name, sql]) =>
          [name, await this.dataSource.query<Record<string, unknown>[]>(sql, [citizenId])] as const,
      ),
    );
    return Object.fromEntries(sections) as CitizenDataSections;
  }

  /** Locks the citizen row; says whether the citizen exists and is not deleted. */
  async lockLiveCitizen(manager: EntityManager, citizenId: string): Promise<boolean> {
    const [row] = await manager.query<{ deleted_at: Date | null }[]>(
      `SELECT deleted_at FROM citizens WHERE id = $1 FOR UPDATE`,
      [citizenId],
    );
    return row !== undefined && !row.deleted_at;
  }

  /**
   * Anonymises a citizen: the openid digest is replaced and the row marked deleted; profile,
   * friendships, open invites, team memberships and badges are deleted; bindings revoked; actions
   * lose their payload and evidence.
   */
  async anonymise(manager: EntityManager, citizenId: string): Promise<void> {
    const id = citizenId;
    await manager.query(
      `UPDATE citizens SET openid_digest = 'deleted:' || id::text, deleted_at = now() WHERE id = $1`,
      [id],
    );
    await manager.query(`DELETE FROM citizen_profiles WHERE citizen_id = $1`, [id]);
    await manager.query(`DELETE FROM friendships WHERE citizen_id = $1 OR friend_id = $1`, [id]);
    await manager.query(`DELETE FROM friend_invites WHERE inviter_id = $1 AND accepted_at IS NULL`, [id]);
    await manager.query(`DELETE FROM team_members WHERE citizen_id = $1`, [id]);
    await manager.query(`DELETE FROM citizen_badges WHERE citizen_id = $1`, [id]);
    await manager.query(
      `UPDATE bindings SET status = 'revoked', revoked_at = coalesce(revoked_at, now()), code_digest = NULL
       WHERE citizen_id = $1 AND status <> 'revoked'`,
      [id],
    );
    await manager.query(
      `UPDATE actions SET ${a.payload} = '{"scrubbed": true}'::jsonb, ${a.evidence} = NULL, ${a.updatedAt} = now()
       WHERE ${a.citizenId} = $1`,
      [id],
    );
  }
}
