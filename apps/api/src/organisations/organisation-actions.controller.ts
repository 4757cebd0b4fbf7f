import { ErrorCode } from '@app/domain';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ActionAcceptedDto, SubmitActionDto } from '../actions/dto/submit-action.dto.js';
import { CurrentCitizen, type CitizenPrincipal } from '../auth/citizen-principal.js';
import { ApiErrors } from '../common/api-error.dto.js';
import { IdempotencyKey } from '../common/idempotency-key.decorator.js';
import { Idempotent } from '../common/idempotent.interceptor.js';
import type { IdempotentResult } from '@app/persistence';
import { UuidParam } from '../common/path-params.js';
import { ApiOkList } from '../common/response-types.js';
import { OrganisationActionDto, OrganisationRecordDto } from './dto/organisation-action.dto.js';
import { MembershipDto } from './dto/organisation.dto.js';
import { ORGANISATION_ACTIONS_LIMIT, OrganisationActionsService } from './organisation-actions.service.js';

/** /v1/org: a citizen acting for the organisations they are a member of. */
@ApiTags('organisation members')
@ApiBearerAuth()
@Controller('v1/org')
export class OrganisationActionsController {
  constructor(private readonly service: OrganisationActionsService) {}

  @Get()
  @ApiOperation({ summary: 'The organisations I act for, with my role' })
  @ApiOkList(MembershipDto, 1000, 'by name')
  memberships(@CurrentCitizen() citizen: CitizenPrincipal): Promise<MembershipDto[]> {
    return this.service.memberships(citizen);
  }

  @Post(':organisationId/actions')
  @HttpCode(202)
  @Idempotent()
  @ApiOperation({
    summary:
      "Submit the organisation's rooftop PV, heat pump or AC action; it is quantified and settled to the organisation",
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'one action per key per organisation' })
  @ApiAcceptedResponse({ type: ActionAcceptedDto })
  @ApiErrors(
    ErrorCode.OrganisationNotFound,
    ErrorCode.OrganisationMemberRemoved,
    ErrorCode.OrganisationDisabled,
    ErrorCode.OrganisationMethodologyNotAllowed,
    ErrorCode.MethodologyUnknown,
    ErrorCode.MethodologyNotInForce,
    ErrorCode.ActionInFuture,
    ErrorCode.SelfReportNotAccepted,
  )
  submit(
    @CurrentCitizen() citizen: CitizenPrincipal,
    @UuidParam('organisationId') organisationId: string,
    @IdempotencyKey() key: string,
    @Body() body: SubmitActionDto,
  ): Promise<IdempotentResult<ActionAcceptedDto>> {
    return this.service.submit(citizen, organisationId, key, body);
  }

  @Get(':organisationId/actions')
  @ApiOperation({ summary: "The organisation's actions, newest first; credited figures once settled" })
  @ApiOkList(OrganisationActionDto, ORGANISATION_ACTIONS_LIMIT, 'newest received first')
  @ApiErrors(ErrorCode.OrganisationNotFound, ErrorCode.OrganisationMemberRemoved)
  actions(
    @CurrentCitizen() citizen: CitizenPrincipal,
    @UuidParam('organisationId') organisationId: string,
  ): Promise<OrganisationActionDto[]> {
    return this.service.list(citizen, organisationId);
  }

  @Get(':organisationId/record')
  @ApiOperation({
    summary: "The organisation's 碳普惠 record: grams credited, points (per program setting), entries",
  })
  @ApiOkResponse({ type: OrganisationRecordDto })
  @ApiErrors(ErrorCode.OrganisationNotFound, ErrorCode.OrganisationMemberRemoved)
  record(
    @CurrentCitizen() citizen: CitizenPrincipal,
    @UuidParam('organisationId') organisationId: string,
  ): Promise<OrganisationRecordDto> {
    return this.service.record(citizen, organisationId);
  }
}
