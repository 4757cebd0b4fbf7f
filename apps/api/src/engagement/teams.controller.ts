import { UuidParam } from '../common/path-params.js';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentCitizen, type CitizenPrincipal } from '../auth/citizen-principal.js';
import { CodeDto, CreateChallengeDto, CreateTeamDto } from './dto/engagement.dto.js';
import { TeamsService } from './teams.service.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../common/api-error.dto.js';
import { TeamDto } from './dto/engagement-responses.dto.js';

@ApiTags('citizen teams')
@ApiBearerAuth()
@Controller('v1')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Post('teams')
  @ApiCreatedResponse({ type: TeamDto })
  @ApiOperation({
    summary: 'Create a team (a community, a school …); I join it; its invite code is returned',
  })
  create(@CurrentCitizen() citizen: CitizenPrincipal, @Body() body: CreateTeamDto) {
    return this.teams.create(citizen, body.name, body.kind);
  }

  @Post('teams/join')
  @ApiOkResponse({ type: TeamDto })
  @ApiErrors(ErrorCode.TeamCodeInvalid)
  @HttpCode(200)
  @ApiOperation({ summary: 'Join a team with its invite code' })
  join(@CurrentCitizen() citizen: CitizenPrincipal, @Body() body: CodeDto) {
    return this.teams.join(citizen, body.code);
  }

  @Get('me/teams')
  @ApiOkResponse({ type: [TeamDto] })
  @ApiOperation({ summary: "My teams with this month's challenge and progress" })
  mine(@CurrentCitizen() citizen: CitizenPrincipal) {
    return this.teams.mine(citizen);
  }

  @Post('teams/:id/leave')
  @ApiNoContentResponse({ description: 'left' })
  @ApiErrors(ErrorCode.TeamNotFound, ErrorCode.NotTeamMember)
  @HttpCode(204)
  @ApiOperation({ summary: 'Leave a team' })
  leave(@CurrentCitizen() citizen: CitizenPrincipal, @UuidParam('id') id: string): Promise<void> {
    return this.teams.leave(citizen, id);
  }

  @Post('teams/:id/challenges')
  @ApiCreatedResponse({ type: TeamDto })
  @ApiErrors(ErrorCode.TeamNotFound, ErrorCode.NotTeamMember, ErrorCode.ChallengeExists)
  @ApiOperation({
    summary: 'Set a monthly reduction target for the team (once per month; 409 CHALLENGE_EXISTS)',
  })
  challenge(
    @CurrentCitizen() citizen: CitizenPrincipal,
    @UuidParam('id') id: string,
    @Body() body: CreateChallengeDto,
  ) {
    return this.teams.setChallenge(citizen, id, body.month, body.targetGrams);
  }
}
