import { UuidParam } from '../common/path-params.js';
import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentCitizen, type CitizenPrincipal } from '../auth/citizen-principal.js';
import { CodeDto, LeaderboardQueryDto, UpdateProfileDto } from './dto/engagement.dto.js';
import { FriendsService } from './friends.service.js';
import { LeaderboardsService, type LeaderboardView } from './leaderboards.service.js';
import { ProfileService } from './profile.service.js';
import type { SocialCard } from './social-cards.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../common/api-error.dto.js';
import { FriendInviteDto, LeaderboardDto, SocialCardDto } from './dto/engagement-responses.dto.js';

@ApiTags('citizen social')
@ApiBearerAuth()
@Controller('v1')
export class SocialController {
  constructor(
    private readonly profile: ProfileService,
    private readonly friends: FriendsService,
    private readonly boards: LeaderboardsService,
  ) {}

  @Patch('me/profile')
  @ApiOkResponse({ type: SocialCardDto })
  @ApiOperation({ summary: 'Set my nickname (null: anonymous, the default)' })
  setProfile(@CurrentCitizen() citizen: CitizenPrincipal, @Body() body: UpdateProfileDto) {
    return this.profile.setNickname(citizen, body.nickname ?? null);
  }

  @Get('me/profile')
  @ApiOkResponse({ type: SocialCardDto })
  @ApiOperation({ summary: 'My nickname, totals and badges, as friends see them' })
  getProfile(@CurrentCitizen() citizen: CitizenPrincipal): Promise<SocialCard> {
    return this.profile.card(citizen);
  }

  @Post('me/friends/invites')
  @ApiCreatedResponse({ type: FriendInviteDto })
  @ApiOperation({ summary: 'A friend invite code (valid 7 days, accepted once)' })
  invite(@CurrentCitizen() citizen: CitizenPrincipal) {
    return this.friends.invite(citizen);
  }

  @Post('me/friends')
  @ApiCreatedResponse({ type: SocialCardDto, description: 'the new friend' })
  @ApiErrors(ErrorCode.FriendInviteInvalid, ErrorCode.FriendOfSelf)
  @ApiOperation({ summary: "Accept a friend's invite code" })
  accept(@CurrentCitizen() citizen: CitizenPrincipal, @Body() body: CodeDto): Promise<SocialCard> {
    return this.friends.accept(citizen, body.code);
  }

  @Get('me/friends')
  @ApiOkResponse({ type: [SocialCardDto] })
  @ApiOperation({ summary: 'My friends: nickname, totals and badges (never their actions)' })
  listFriends(@CurrentCitizen() citizen: CitizenPrincipal): Promise<SocialCard[]> {
    return this.friends.list(citizen);
  }

  @Get('friends/:citizenId')
  @ApiOkResponse({ type: SocialCardDto })
  @ApiErrors(ErrorCode.FriendNotFound)
  @ApiOperation({ summary: "A friend's card; 404 FRIEND_NOT_FOUND for anyone who is not a friend" })
  friend(
    @CurrentCitizen() citizen: CitizenPrincipal,
    @UuidParam('citizenId') otherId: string,
  ): Promise<SocialCard> {
    return this.friends.get(citizen, otherId);
  }

  @Post('me/friends/:citizenId/remove')
  @ApiNoContentResponse({ description: 'removed' })
  @ApiErrors(ErrorCode.FriendNotFound)
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a friend (both directions)' })
  removeFriend(
    @CurrentCitizen() citizen: CitizenPrincipal,
    @UuidParam('citizenId') otherId: string,
  ): Promise<void> {
    return this.friends.remove(citizen, otherId);
  }

  @Get('leaderboards')
  @ApiOkResponse({ type: LeaderboardDto })
  @ApiOperation({ summary: 'Weekly or all-time leaderboard of my district or among my friends' })
  leaderboard(
    @CurrentCitizen() citizen: CitizenPrincipal,
    @Query() query: LeaderboardQueryDto,
  ): Promise<LeaderboardView> {
    return this.boards.board(citizen, query.period, query.scope, query.limit);
  }
}
