import { DomainError, ErrorCode, cstMonth, cstMonthBounds } from '@app/domain';
import { TeamsRepository } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { newInviteCode } from './invite-codes.js';

/** Teams (a community, a school …) joined by code, and their monthly reduction challenges. */
@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly teams: TeamsRepository,
  ) {}

  async create(citizen: CitizenPrincipal, name: string, kind: string) {
    const teamId = await this.dataSource.transaction(async (m) => {
      const id = await this.teams.insert(m, {
        name,
        kind,
        districtCode: citizen.districtCode,
        inviteCode: newInviteCode(),
        createdBy: citizen.citizenId,
      });
      await this.teams.addMember(m, id, citizen.citizenId);
      return id;
    });
    return this.view(citizen, teamId);
  }

  async join(citizen: CitizenPrincipal, code: string) {
    const teamId = await this.teams.idByInviteCode(code);
    if (!teamId) throw new DomainError(ErrorCode.TeamCodeInvalid, 'no team has this code');
    await this.teams.join(teamId, citizen.citizenId);
    return this.view(citizen, teamId);
  }

  async leave(citizen: CitizenPrincipal, teamId: string): Promise<void> {
    if (!(await this.teams.removeMember(teamId, citizen.citizenId)))
      throw new DomainError(ErrorCode.NotTeamMember, 'you are not in this team');
  }

  async setChallenge(citizen: CitizenPrincipal, teamId: string, month: string, targetGrams: string) {
    await this.assertMember(citizen, teamId);
    if (!(await this.teams.insertChallenge(teamId, month, targetGrams, citizen.citizenId)))
      throw new DomainError(ErrorCode.ChallengeExists, `the team already has a challenge for ${month}`);
    return this.view(citizen, teamId);
  }

  async mine(citizen: CitizenPrincipal) {
    const teamIds = await this.teams.teamIdsOf(citizen.citizenId);
    return Promise.all(teamIds.map((teamId) => this.view(citizen, teamId)));
  }

  /** A team as a member sees it: members count, this month's challenge and progress (grams credited by members). */
  async view(citizen: CitizenPrincipal, teamId: string) {
    const team = await this.teams.find(teamId);
    if (!team) throw new DomainError(ErrorCode.TeamNotFound, 'no such team');
    await this.assertMember(citizen, teamId);
    const month = cstMonth(new Date());
    const challenge = await this.teams.challenge(teamId, month);
    let progress = null;
    if (challenge) {
      const { from, to } = cstMonthBounds(month);
      const grams = await this.teams.membersCreditedGrams(teamId, from, to);
      const target = BigInt(challenge.targetGrams);
      progress = {
        month,
        targetGrams: challenge.targetGrams,
        grams: grams.toString(),
        percent: Number(grams >= target ? 100n : (grams * 100n) / target),
        reached: grams >= target,
      };
    }
    return {
      id: team.id,
      name: team.name,
      kind: team.kind,
      districtCode: team.districtCode,
      inviteCode: team.inviteCode,
      members: team.members,
      challenge: progress,
    };
  }

  private async assertMember(citizen: CitizenPrincipal, teamId: string): Promise<void> {
    if (!(await this.teams.isMember(teamId, citizen.citizenId)))
      throw new DomainError(ErrorCode.NotTeamMember, 'you are not in this team');
  }
}
