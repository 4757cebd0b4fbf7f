import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actionColumnsOf } from '../actions/action-row.js';

const act = actionColumnsOf('act');

export interface NewTeam {
  name: string;
  kind: string;
  districtCode: string;
  inviteCode: string;
  createdBy: string;
}

export interface TeamRecord {
  id: string;
  name: string;
  kind: string;
  districtCode: string;
  inviteCode: string;
  members: number;
}

export interface TeamChallenge {
  /** YYYY-MM (CST). */
  month: string;
  /** Target grams, as a decimal string. */
  targetGrams: string;
}

/** Teams, their members and their monthly challenges. */
@Injectable()
export class TeamsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts a team and returns its id. */
  async insert(manager: EntityManager, team: NewTeam): Promise<string> {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO teams (name, kind, district_code, invite_code, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [team.name, team.kind, team.districtCode, team.inviteCode, team.createdBy],
    );
    return row.id;
  }

  /** Adds a member; fails if already one. */
  async addMember(manager: EntityManager, teamId: string, citizenId: string): Promise<void> {
    await manager.query(`INSERT INTO team_members (team_id, citizen_id) VALUES ($1, $2)`, [
      teamId,
      citizenId,
    ]);
  }

  /** Adds a member; a member already is left as they are. */
  async join(teamId: string, citizenId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO team_members (team_id, citizen_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [teamId, citizenId],
    );
  }

  /** Removes a member; false when they were not one. */
  async removeMember(teamId: string, citizenId: string): Promise<boolean> {
    // A DELETE answers [rows, count]: the count is what says whether anything was removed.
    const [, left] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM team_members WHERE team_id = $1 AND citizen_id = $2 RETURNING team_id`,
      [teamId, citizenId],
    );
    return left > 0;
  }

  async isMember(teamId: string, citizenId: string): Promise<boolean> {
    const [member] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM team_members WHERE team_id = $1 AND citizen_id = $2`,
      [teamId, citizenId],
    );
    return member !== undefined;
  }

  async idByInviteCode(code: string): Promise<string | undefined> {
    const [team] = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM teams WHERE invite_code = $1`,
      [code],
    );
    return team?.id;
  }

  /** The teams a citizen is in, the earliest joined first. */
  async teamIdsOf(citizenId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ team_id: string }[]>(
      `SELECT team_id FROM team_members WHERE citizen_id = $1 ORDER BY joined_at`,
      [citizenId],
    );
    return rows.map((r) => r.team_id);
  }

  /** A team with its number of members; undefined when there is none with this id. */
  async find(teamId: string): Promise<TeamRecord | undefined> {
    const [row] = await this.dataSource.query<
      {
        id: string;
        name: string;
        kind: string;
        district_code: string;
        invite_code: string;
        members: number;
      }[]
    >(
      `SELECT t.id, t.name, t.kind, t.district_code, t.invite_code, (SELECT count(*)::int FROM team_members m WHERE m.team_id = t.id) AS members
       FROM teams t WHERE t.id = $1`,
      [teamId],
    );
    return (
      row && {
        id: row.id,
        name: row.name,
        kind: row.kind,
        districtCode: row.district_code,
        inviteCode: row.invite_code,
        members: row.members,
      }
    );
  }

  /** Inserts a month's challenge; false when the team already has one for that month. */
  async insertChallenge(
    teamId: string,
    month: string,
    targetGrams: string,
    createdBy: string,
  ): Promise<boolean> {
    const inserted = await this.dataSource.query<unknown[]>(
      `INSERT INTO team_challenges (team_id, month, target_grams, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (team_id, month) DO NOTHING RETURNING id`,
      [teamId, month, targetGrams, createdBy],
    );
    return inserted.length > 0;
  }

  async challenge(teamId: string, month: string): Promise<TeamChallenge | undefined> {
    const [row] = await this.dataSource.query<{ month: string; target_grams: string }[]>(
      `SELECT month, target_grams::text FROM team_challenges WHERE team_id = $1 AND month = $2`,
      [teamId, month],
    );
    return row && { month: row.month, targetGrams: row.target_grams };
  }

  /** Grams credited to the team's current members for actions that occurred in [from, to). */
  async membersCreditedGrams(teamId: string, from: Date, to: Date): Promise<bigint> {
    const [sum] = await this.dataSource.query<{ grams: string }[]>(
      `SELECT coalesce(sum(e.amount), 0)::text AS grams
       FROM team_members m
       JOIN accounts a ON a.citizen_id = m.citizen_id AND a.kind = 'citizen_carbon'
       JOIN ledger_entries e ON e.account_id = a.id
       JOIN ledger_postings p ON p.id = e.posting_id AND p.cause_type = 'action'
       JOIN actions act ON ${act.id} = p.action_id
       WHERE m.team_id = $1 AND ${act.occurredAt} >= $2 AND ${act.occurredAt} < $3`,
      [teamId, from, to],
    );
    return BigInt(sum.grams);
  }
}
