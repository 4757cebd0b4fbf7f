import { Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCitizen, type CitizenPrincipal } from '../auth/citizen-principal.js';
import { cstDate } from '@app/domain';
import { SummaryQueryDto, TimelineQueryDto } from './dto/engagement.dto.js';
import { NudgesService } from './nudges.service.js';
import { PrivacyService } from './privacy.service.js';
import { TransparencyService } from './transparency.service.js';
import {
  AccountDeletedDto,
  ExpiringPointsDto,
  NudgesDto,
  PrivacyExportDto,
  TimelinePageDto,
  YearSummaryDto,
} from './dto/engagement-responses.dto.js';

@ApiTags('citizen account')
@ApiBearerAuth()
@Controller('v1/me')
export class MyAccountController {
  constructor(
    private readonly transparency: TransparencyService,
    private readonly nudges: NudgesService,
    private readonly privacy: PrivacyService,
  ) {}

  @Get('timeline')
  @ApiOkResponse({ type: TimelinePageDto })
  @ApiOperation({ summary: 'Every change of my grams and points, newest first, explained in plain terms' })
  timeline(@CurrentCitizen() citizen: CitizenPrincipal, @Query() query: TimelineQueryDto) {
    return this.transparency.timeline(citizen, query.limit, query.cursor);
  }

  @Get('points/expiring')
  @ApiOkResponse({ type: ExpiringPointsDto })
  @ApiOperation({ summary: 'Points that expire within the next 30 days' })
  expiring(@CurrentCitizen() citizen: CitizenPrincipal) {
    return this.transparency.expiring(citizen);
  }

  @Get('summary')
  @ApiOkResponse({ type: YearSummaryDto })
  @ApiOperation({
    summary: 'A year of reductions, by behaviour, with everyday equivalents and their sources',
  })
  summary(@CurrentCitizen() citizen: CitizenPrincipal, @Query() query: SummaryQueryDto) {
    return this.transparency.yearSummary(citizen, query.year ?? Number(cstDate(new Date()).slice(0, 4)));
  }

  @Get('nudges')
  @ApiOkResponse({ type: NudgesDto })
  @ApiOperation({
    summary: "Today's summary, my green-trip streak, and what untried behaviours would save me",
  })
  nudgesToday(@CurrentCitizen() citizen: CitizenPrincipal) {
    return this.nudges.today(citizen);
  }

  @Get('export')
  @ApiOkResponse({ type: PrivacyExportDto })
  @ApiOperation({ summary: 'Everything the platform holds about me, as JSON' })
  export(@CurrentCitizen() citizen: CitizenPrincipal) {
    return this.privacy.export(citizen);
  }

  @Post('delete')
  @ApiOkResponse({ type: AccountDeletedDto })
  @HttpCode(200)
  @ApiOperation({ summary: 'Delete my account: personal data removed, the ledger kept under an opaque id' })
  deleteByPost(@CurrentCitizen() citizen: CitizenPrincipal) {
    return this.privacy.delete(citizen);
  }

  @Delete()
  @ApiOkResponse({ type: AccountDeletedDto })
  @ApiOperation({ summary: 'The same as POST /v1/me/delete' })
  delete(@CurrentCitizen() citizen: CitizenPrincipal) {
    return this.privacy.delete(citizen);
  }
}
