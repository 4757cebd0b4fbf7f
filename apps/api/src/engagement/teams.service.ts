import { DomainError, ErrorCode, cstMonth, cstMonthBounds } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { newInviteCode } from './invite-codes.js';

/** Teams (a community, a school …) joined by code, and their monthly reduction challenges. */
@Injectable()
export class TeamsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(citizen: CitizenPrincipal, name: string, kind: string) {
    const team = await this.dataSource.transaction(async (m) => {
      const [row] = await m.query<{ id: string }[]>(
        `INSERT INTO teams (name, kind, district_code, invite_code, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [name, kind, citizen.districtCode, newInviteCode(), citizen.citizenId],
      );
      await m.query(`INSERT INTO team_members (team_id, citizen_id) VALUES ($1, $2)`, [
        row.id,
        citizen.citizenId,
      ]);
      return row;
    });
    return this.view(citizen, team.id);
  }

  async join(citizen: CitizenPrincipal, code: string) {
    const [team] = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM teams WHERE invite_code = $1`,
      [code],
    );
    if (!team) throw new DomainError(ErrorCode.TeamCodeInvalid, 'no team has this code');
    await this.dataSource.query(
      `INSERT INTO team_members (team_id, citizen_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [team.id, citizen.citizenId],
    );
    return this.view(citizen, team.id);
  }

  async leave(citizen: CitizenPrincipal, teamId: string): Promise<void> {
    const left = await this.dataSource.query<unknown[]>(
      `DELETE FROM team_members WHERE team_id = $1 AND citizen_id = $2 RETURNING team_id`,
      [teamId, citizen.citizenId],
    );
    if (!left.length) throw new DomainError(ErrorCode.NotTeamMember, 'you are not in this team');
  }

  async setChallenge(citizen: CitizenPrincipal, teamId: string, month: string, targetGrams: string) {
    await this.assertMember(citizen, teamId);
    const inserted = await this.dataSource.query<unknown[]>(
      `INSERT INTO team_challenges (team_id, month, target_grams, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (team_id, month) DO NOTHING RETURNING id`,
      [teamId, month, targetGrams, citizen.citizenId],
    );
    if (!inserted.length)
      throw new DomainError(ErrorCode.ChallengeExists, `the team already has a challenge for ${month}`);
    return this.view(citizen, teamId);
  }

  async mine(citizen: CitizenPrincipal) {
    const teams = await this.dataSource.query<{ team_id: string }[]>(
      `SELECT team_id FROM team_members WHERE citizen_id = $1 ORDER BY joined_at`,
      [citizen.citizenId],
    );
    return Promise.all(teams.map((t) => this.view(citizen, t.team_id)));
  }

  /** A team as a member sees it: members count, this month's challenge and progress (grams credited by members). */
  async view(citizen: CitizenPrincipal, teamId: string) {
    const [team] = await this.dataSource.query<
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
    if (!team) throw new DomainError(ErrorCode.TeamNotFound, 'no such team');
    await this.assertMember(citizen, teamId);
    const month = cstMonth(new Date());
    const [challenge] = await this.dataSource.query<{ month: string; target_grams: string }[]>(
      `SELECT month, target_grams::text FROM team_challenges WHERE team_id = $1 AND month = $2`,
      [teamId, month],
    );
    let progress = null;
    if (challenge) {
      const { from, to } = cstMonthBounds(month);
      const [sum] = await this.dataSource.query<{ grams: string }[]>(
        `SELECT coalesce(sum(e.amount), 0)::text AS grams
         FROM team_members m
         JOIN accounts a ON a.owner = m.citizen_id::text AND a.kind = 'citizen_carbon'
         JOIN ledger_entries e ON e.account_id = a.id
         JOIN ledger_postings p ON p.id = e.posting_id AND p.cause_type = 'action'
         JOIN actions act ON act.id::text = p.cause_id
         WHERE m.team_id = $1 AND act.occurred_at >= $2 AND act.occurred_at < $3`,
        [teamId, from, to],
      );
      const grams = BigInt(sum.grams);
      const target = BigInt(challenge.target_grams);
      progress = {
        month,
        targetGrams: challenge.target_grams,
        grams: grams.toString(),
        percent: Number(grams >= target ? 100n : (grams * 100n) / target),
        reached: grams >= target,
      };
    }
    return {
      id: team.id,
      name: team.name,
      kind: team.kind,
      districtCode: team.district_code,
      inviteCode: team.invite_code,
      members: team.members,
      challenge: progress,
    };
  }

  private async assertMember(citizen: CitizenPrincipal, teamId: string): Promise<void> {
    const [member] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM team_members WHERE team_id = $1 AND citizen_id = $2`,
      [teamId, citizen.citizenId],
    );
    if (!member) throw new DomainError(ErrorCode.NotTeamMember, 'you are not in this team');
  }
}
