import {
  BadgesRepository,
  CarbonBalancesRepository,
  CitizenActivityRepository,
  CitizenDataRepository,
  FriendsRepository,
  PersistenceModule,
  ProfilesRepository,
  TeamsRepository,
  TransparencyRepository,
} from '@app/persistence';
import { LeaderboardStore } from '@app/queues';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { FriendsService } from './friends.service.js';
import { LeaderboardsService } from './leaderboards.service.js';
import { MyAccountController } from './my-account.controller.js';
import { NudgesService } from './nudges.service.js';
import { PrivacyService } from './privacy.service.js';
import { ProfileService } from './profile.service.js';
import { SocialCards } from './social-cards.js';
import { SocialController } from './social.controller.js';
import { TeamsController } from './teams.controller.js';
import { TeamsService } from './teams.service.js';
import { TransparencyService } from './transparency.service.js';

/** Citizen engagement: the transparent account, leaderboards, friends and teams, badges, nudges, privacy. */
@Module({
  imports: [PersistenceModule, AuthModule],
  controllers: [MyAccountController, SocialController, TeamsController],
  providers: [
    LeaderboardStore,
    SocialCards,
    ProfileService,
    FriendsService,
    LeaderboardsService,
    TeamsService,
    TransparencyService,
    NudgesService,
    PrivacyService,
    FriendsRepository,
    ProfilesRepository,
    CarbonBalancesRepository,
    BadgesRepository,
    CitizenActivityRepository,
    CitizenDataRepository,
    TeamsRepository,
    TransparencyRepository,
  ],
})
export class EngagementModule {}
