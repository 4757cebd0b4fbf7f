import { ErrorCode } from '@app/domain';
import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAdmin, type AdminPrincipal } from '../auth/citizen-principal.js';
import { AdminRead, AdminWrite } from '../auth/roles.decorator.js';
import { ApiErrors } from '../common/api-error.dto.js';
import { UuidParam } from '../common/path-params.js';
import { ApiOkList } from '../common/response-types.js';
import {
  AddMemberDto,
  MemberEventDto,
  OrganisationDetailDto,
  OrganisationDto,
  OrganisationListQueryDto,
  OrganisationMemberDto,
  RegisterOrganisationDto,
} from './dto/organisation.dto.js';
import { GrantPartnerDto, OrganisationPartnerDto } from './dto/organisation-push.dto.js';
import { OrganisationsService } from './organisations.service.js';

@ApiTags('admin: organisations')
@ApiBearerAuth()
@AdminRead()
@Controller('admin/v1/organisations')
export class AdminOrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @AdminWrite()
  @Post()
  @ApiOperation({
    summary:
      'Register a small business or public institution (统一社会信用代码 checked by its check character)',
  })
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiErrors(ErrorCode.CreditCodeInvalid, ErrorCode.DistrictUnknown, ErrorCode.OrganisationExists)
  register(
    @CurrentAdmin() admin: AdminPrincipal,
    @Body() body: RegisterOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.organisations.register(admin, body);
  }

  @Get()
  @ApiOperation({ summary: 'Organisations, newest first, by kind, district and status' })
  @ApiOkList(OrganisationDto, 500, 'newest registered first')
  @ApiErrors(ErrorCode.ValidationFailed)
  list(@Query() query: OrganisationListQueryDto): Promise<OrganisationDto[]> {
    return this.organisations.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One organisation and its members' })
  @ApiOkResponse({ type: OrganisationDetailDto })
  @ApiErrors(ErrorCode.OrganisationNotFound)
  detail(@UuidParam('id') id: string): Promise<OrganisationDetailDto> {
    return this.organisations.detail(id);
  }

  @AdminWrite()
  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disable an organisation: no new actions; its record stays. Repeating it changes nothing',
  })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiErrors(ErrorCode.OrganisationNotFound)
  disable(@CurrentAdmin() admin: AdminPrincipal, @UuidParam('id') id: string): Promise<OrganisationDto> {
    return this.organisations.disable(admin, id);
  }

  @AdminWrite()
  @Post(':id/members')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Add a citizen as a member, re-add a removed one, or change their role: they act for it in the mini-program',
  })
  @ApiOkResponse({ type: OrganisationMemberDto })
  @ApiErrors(ErrorCode.OrganisationNotFound, ErrorCode.OrganisationDisabled, ErrorCode.CitizenNotFound)
  addMember(
    @CurrentAdmin() admin: AdminPrincipal,
    @UuidParam('id') id: string,
    @Body() body: AddMemberDto,
  ): Promise<OrganisationMemberDto> {
    return this.organisations.addMember(admin, id, body);
  }

  @AdminWrite()
  @Delete(':id/members/:citizenId')
  @ApiOperation({
    summary:
      'Remove a member: they can no longer act for it (ORGANISATION_MEMBER_REMOVED); re-adding restores them',
  })
  @ApiOkResponse({ type: OrganisationMemberDto })
  @ApiErrors(ErrorCode.OrganisationNotFound, ErrorCode.OrganisationMemberNotFound)
  removeMember(
    @CurrentAdmin() admin: AdminPrincipal,
    @UuidParam('id') id: string,
    @UuidParam('citizenId') citizenId: string,
  ): Promise<OrganisationMemberDto> {
    return this.organisations.removeMember(admin, id, citizenId);
  }

  @Get(':id/member-events')
  @ApiOperation({
    summary: 'The member history: each addition, role change, removal and re-addition, oldest first',
  })
  @ApiOkList(MemberEventDto, 100_000, 'oldest first')
  @ApiErrors(ErrorCode.OrganisationNotFound)
  memberEvents(@UuidParam('id') id: string): Promise<MemberEventDto[]> {
    return this.organisations.memberEvents(id);
  }

  @AdminWrite()
  @Post(':id/partners')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Let a partner push the organisation's verified data (by its credit code); granting twice keeps the first",
  })
  @ApiOkResponse({ type: OrganisationPartnerDto })
  @ApiErrors(ErrorCode.OrganisationNotFound, ErrorCode.PartnerNotFound)
  grantPartner(
    @CurrentAdmin() admin: AdminPrincipal,
    @UuidParam('id') id: string,
    @Body() body: GrantPartnerDto,
  ): Promise<OrganisationPartnerDto> {
    return this.organisations.grantPartner(admin, id, body.partnerId);
  }

  @Get(':id/partners')
  @ApiOperation({ summary: "The partners that may push the organisation's data" })
  @ApiOkList(OrganisationPartnerDto, 1000, 'by partner id')
  @ApiErrors(ErrorCode.OrganisationNotFound)
  partners(@UuidParam('id') id: string): Promise<OrganisationPartnerDto[]> {
    return this.organisations.partnersOf(id);
  }
}
