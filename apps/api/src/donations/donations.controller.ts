import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentCitizen, type CitizenPrincipal } from '../auth/citizen-principal.js';
import { AdminRead } from '../auth/roles.decorator.js';
import { IdempotencyKey } from '../common/idempotency-key.decorator.js';
import { Idempotent } from '../common/idempotent.interceptor.js';
import { DonationsService } from './donations.service.js';
import { DonateDto } from './dto/donate.dto.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../common/api-error.dto.js';
import { DonationDto, DonationTotalDto } from './dto/donation-responses.dto.js';

@ApiTags('citizen donations')
@ApiBearerAuth()
@Controller()
export class DonationsController {
  constructor(private readonly donations: DonationsService) {}

  @Post('v1/donations')
  @Idempotent({ replayStatus: 200 })
  @ApiCreatedResponse({ type: DonationDto })
  @ApiOkResponse({ type: DonationDto, description: 'the same Idempotency-Key again: the first donation' })
  @ApiErrors(ErrorCode.InsufficientPoints)
  @ApiOperation({ summary: 'Give points to tree planting or charity (422 INSUFFICIENT_POINTS when short)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  donate(
    @CurrentCitizen() citizen: CitizenPrincipal,
    @IdempotencyKey() key: string,
    @Body() body: DonateDto,
  ) {
    return this.donations.donate(citizen, key, body.target, BigInt(body.points));
  }

  @AdminRead()
  @Get('admin/v1/donations')
  @ApiOkResponse({ type: [DonationTotalDto] })
  @ApiOperation({ summary: 'Points donated, per target' })
  totals() {
    return this.donations.totals();
  }
}
