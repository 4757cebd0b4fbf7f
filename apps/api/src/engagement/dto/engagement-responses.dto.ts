import { capApplied } from '../../common/response-types.js';
import { EXPORTED_ACTION_COLUMNS } from '@app/persistence';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { amount, instant, TraceStepDto } from '../../common/response-types.js';

export class TimelineCauseDto {
  @ApiProperty({
    example: 'action',
    description: 'what caused the posting: action, hold, order, donation, lot …',
  })
  type!: string;
  @ApiProperty() id!: string;
}

export class TimelineCampaignDto {
  @ApiProperty() name!: string;
  @ApiProperty({ example: '1.5', description: 'the points multiplier (decimal string)' }) multiplier!: string;
}

export class TimelineActionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'cycling' }) methodology!: string;
  @ApiProperty({ type: 'integer' }) methodologyVersion!: number;
  @ApiProperty(instant()) occurredAt!: string;
  @ApiProperty({ ...amount('grams computed before caps'), nullable: true }) requestedGrams!: string | null;
  @ApiProperty(amount('grams credited')) creditedGrams!: string;
  @ApiProperty(capApplied())
  capApplied!: string | null;
  @ApiProperty({ type: TimelineCampaignDto, nullable: true }) campaign!: TimelineCampaignDto | null;
  @ApiProperty({ type: [TraceStepDto], nullable: true }) trace!: TraceStepDto[] | null;
}

export class PointsLotDto {
  @ApiProperty({ description: 'the lot id (string: 64-bit integer)' }) id!: string;
  @ApiProperty(instant()) earnedAt!: string;
  @ApiProperty(instant()) expiresAt!: string;
}

export class TimelineItemDto {
  @ApiProperty({ description: 'the ledger posting id (string: 64-bit integer)' }) postingId!: string;
  @ApiProperty(instant()) at!: string;
  @ApiProperty({ example: 'ACTION_SETTLED' }) reason!: string;
  @ApiProperty({ type: TimelineCauseDto }) cause!: TimelineCauseDto;
  @ApiProperty(amount('change of my grams, signed')) grams!: string;
  @ApiProperty(amount('change of my spendable points, signed')) points!: string;
  @ApiProperty(amount('change of my reserved points, signed', '0')) heldPoints!: string;
  @ApiProperty({ type: [String], description: 'why, in plain terms, one sentence per line' })
  explanation!: string[];
  @ApiPropertyOptional({ type: TimelineActionDto, description: 'present when an action caused the posting' })
  action?: TimelineActionDto;
  @ApiPropertyOptional({ type: PointsLotDto, description: 'present when points expired' })
  lot?: PointsLotDto;
}

export class TimelinePageDto {
  @ApiProperty({ type: [TimelineItemDto], maxItems: 100 }) items!: TimelineItemDto[];
  @ApiProperty({ type: String, nullable: true, description: 'the cursor of the next page; null on the last' })
  nextCursor!: string | null;
}

export class ExpiringLotDto {
  @ApiProperty({ description: 'the lot id (string: 64-bit integer)' }) id!: string;
  @ApiProperty(amount('points of the lot not yet spent')) points!: string;
  @ApiProperty(instant()) earnedAt!: string;
  @ApiProperty(instant()) expiresAt!: string;
}

export class ExpiringPointsDto {
  @ApiProperty({ type: 'integer', example: 30 }) withinDays!: number;
  @ApiProperty(amount('points expiring within the window')) points!: string;
  @ApiProperty({ type: [ExpiringLotDto], description: 'soonest first' }) lots!: ExpiringLotDto[];
}

export class MethodologyYearDto {
  @ApiProperty({ example: 'cycling' }) methodology!: string;
  @ApiProperty({ type: 'integer' }) actions!: number;
  @ApiProperty(amount('grams credited')) grams!: string;
  @ApiProperty(amount('points credited')) points!: string;
}

export class EquivalentDto {
  @ApiProperty({ example: 'tree-day' }) id!: string;
  @ApiProperty() label!: string;
  @ApiProperty() unit!: string;
  @ApiProperty(amount('whole units the grams amount to', '3')) amount!: string;
  @ApiProperty(amount('grams CO2e per unit', '50')) gramsPerUnit!: string;
  @ApiProperty({ description: 'where the figure comes from' }) source!: string;
}

export class YearSummaryDto {
  @ApiProperty({ type: 'integer', example: 2026 }) year!: number;
  @ApiProperty(amount('grams credited for actions of the year')) grams!: string;
  @ApiProperty(amount('points credited for actions of the year')) points!: string;
  @ApiProperty({ type: 'integer' }) actions!: number;
  @ApiProperty({ type: [MethodologyYearDto] }) byMethodology!: MethodologyYearDto[];
  @ApiProperty({ type: [EquivalentDto] }) equivalents!: EquivalentDto[];
}

export class TodayDto {
  @ApiProperty(amount('grams credited today (CST)')) grams!: string;
  @ApiProperty({ type: 'integer' }) actions!: number;
}

export class NudgeEstimateDto {
  @ApiProperty({ description: 'the typical action the estimate is for' }) example!: string;
  @ApiProperty(amount('grams it would credit')) grams!: string;
  @ApiProperty({ ...amount('points it would credit'), nullable: true }) points!: string | null;
  @ApiProperty({ type: 'integer' }) methodologyVersion!: number;
}

export class UntriedDto {
  @ApiProperty({ example: 'metro' }) methodology!: string;
  @ApiProperty({ type: NudgeEstimateDto, nullable: true }) estimate!: NudgeEstimateDto | null;
}

export class NudgesDto {
  @ApiProperty({ example: '2026-12-01', description: 'today, CST' }) date!: string;
  @ApiProperty({ type: TodayDto }) today!: TodayDto;
  @ApiProperty({ type: 'integer' }) greenTripStreakDays!: number;
  @ApiProperty({ type: [UntriedDto] }) untried!: UntriedDto[];
}

const rows = (description: string) =>
  ({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: `rows with the columns ${description}`,
  }) as const;

/** The privacy export: database rows as stored (snake_case columns), for the citizen to keep. */
export class PrivacyExportDto {
  @ApiProperty(instant()) exportedAt!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'columns id, district_code, created_at, last_login_at, nickname',
  })
  profile!: Record<string, unknown>;
  @ApiProperty(rows('kind, asset, balance, version')) accounts!: Record<string, unknown>[];
  @ApiProperty(rows(EXPORTED_ACTION_COLUMNS))
  actions!: Record<string, unknown>[];
  @ApiProperty(
    rows('id, account, asset, amount, balance_after, created_at, reason, cause_type, cause_id, details'),
  )
  ledgerEntries!: Record<string, unknown>[];
  @ApiProperty(rows('id, points, remaining, earned_at, expires_at')) lots!: Record<string, unknown>[];
  @ApiProperty(rows('id, reward_id, partner_id, points, status, coupon_code, created_at, resolved_at'))
  orders!: Record<string, unknown>[];
  @ApiProperty(rows('id, partner_id, status, created_at, activated_at, revoked_at'))
  bindings!: Record<string, unknown>[];
  @ApiProperty(
    rows('id, partner_id, points, confirmed_points, status, reference, expires_at, created_at, resolved_at'),
  )
  holds!: Record<string, unknown>[];
  @ApiProperty(rows('posting_id, target, points, created_at')) donations!: Record<string, unknown>[];
  @ApiProperty(rows('friend_id, created_at')) friends!: Record<string, unknown>[];
  @ApiProperty(rows('id, name, kind, district_code, joined_at')) teams!: Record<string, unknown>[];
  @ApiProperty(rows('badge_id, evidence, awarded_at')) badges!: Record<string, unknown>[];
}

export class AccountDeletedDto {
  @ApiProperty({ type: Boolean, enum: [true] }) deleted!: true;
  @ApiProperty({ type: [String], description: 'what is kept, and why' }) kept!: string[];
}

export class BadgeDto {
  @ApiProperty({ example: 'first-ride' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty(instant()) awardedAt!: string;
}

/** What another citizen may see of someone: a nickname (or 匿名用户), totals and badges. Never actions. */
export class SocialCardDto {
  @ApiProperty({ format: 'uuid' }) citizenId!: string;
  @ApiProperty({ example: '骑行的小李' }) displayName!: string;
  @ApiProperty() anonymous!: boolean;
  @ApiProperty(amount('grams credited to date')) grams!: string;
  @ApiProperty({ type: [BadgeDto] }) badges!: BadgeDto[];
}

export class FriendInviteDto {
  @ApiProperty({ example: 'K7Q2M9XD4T' }) code!: string;
  @ApiProperty(instant()) expiresAt!: string;
}

export class LeaderboardRowDto {
  @ApiProperty({ type: 'integer' }) rank!: number;
  @ApiProperty() displayName!: string;
  @ApiProperty() anonymous!: boolean;
  @ApiProperty(amount('grams credited in the period')) grams!: string;
  @ApiProperty() isYou!: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'only for friends and yourself' }) citizenId?: string;
}

export class LeaderboardYouDto {
  @ApiProperty({ type: 'integer', nullable: true }) rank!: number | null;
  @ApiProperty(amount('my grams in the period')) grams!: string;
}

export class LeaderboardDto {
  @ApiProperty({ enum: ['week', 'all'] }) period!: 'week' | 'all';
  @ApiProperty({ enum: ['district', 'friends'] }) scope!: 'district' | 'friends';
  @ApiPropertyOptional({ example: '370102', description: 'with scope=district' }) districtCode?: string;
  @ApiPropertyOptional({ example: '2026-11-30', description: 'the week (its Monday, CST) with period=week' })
  week?: string;
  @ApiProperty({ description: 'how the rows are ordered' }) order!: string;
  @ApiProperty({ type: [LeaderboardRowDto], maxItems: 100 }) items!: LeaderboardRowDto[];
  @ApiProperty({ type: LeaderboardYouDto }) you!: LeaderboardYouDto;
}

export class TeamChallengeDto {
  @ApiProperty({ example: '2026-12' }) month!: string;
  @ApiProperty(amount('the target', '500000')) targetGrams!: string;
  @ApiProperty(amount('grams credited by members this month')) grams!: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) percent!: number;
  @ApiProperty() reached!: boolean;
}

export class TeamDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['community', 'school', 'workplace', 'other'] }) kind!: string;
  @ApiProperty({ example: '370102' }) districtCode!: string;
  @ApiProperty({ example: 'K7Q2M9XD4T' }) inviteCode!: string;
  @ApiProperty({ type: 'integer' }) members!: number;
  @ApiProperty({ type: TeamChallengeDto, nullable: true, description: "this month's challenge, if set" })
  challenge!: TeamChallengeDto | null;
}
