import { ErrorCode } from '@app/domain';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCitizen, type CitizenPrincipal } from '../auth/citizen-principal.js';
import { ApiErrors } from '../common/api-error.dto.js';
import { UuidParam, YearParam } from '../common/path-params.js';
import { NeutralityStatementDto } from './dto/neutrality.dto.js';
import { NeutralityService } from './neutrality.service.js';
import { OrganisationActionsService } from './organisation-actions.service.js';

/** A public institution's members read its yearly 碳中和 statement. */
@ApiTags('organisation members')
@ApiBearerAuth()
@Controller('v1/org')
export class MemberNeutralityController {
  constructor(
    private readonly members: OrganisationActionsService,
    private readonly neutrality: NeutralityService,
  ) {}

  @Get(':organisationId/neutrality/:year')
  @ApiOperation({ summary: "The institution's 碳中和 statement for a year (its members only)" })
  @ApiOkResponse({ type: NeutralityStatementDto })
  @ApiErrors(
    ErrorCode.OrganisationNotFound,
    ErrorCode.OrganisationMemberRemoved,
    ErrorCode.OrganisationNotInstitution,
    ErrorCode.InventoryNotFound,
  )
  async statement(
    @CurrentCitizen() citizen: CitizenPrincipal,
    @UuidParam('organisationId') organisationId: string,
    @YearParam('year') year: number,
  ): Promise<NeutralityStatementDto> {
    await this.members.ofMember(citizen, organisationId);
    return this.neutrality.statement(organisationId, year);
  }
}
