import { ErrorCode } from '@app/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCitizen, type CitizenPrincipal } from '../auth/citizen-principal.js';
import { ApiErrors } from '../common/api-error.dto.js';
import { ApiOkList } from '../common/response-types.js';
import { CampaignsInForceService, MAX_CAMPAIGNS } from './campaigns-in-force.service.js';
import { CampaignInForceDto, CampaignsQueryDto } from './dto/campaigns.dto.js';

@ApiTags('citizen actions')
@ApiBearerAuth()
@Controller('v1')
export class CampaignsInForceController {
  constructor(private readonly campaigns: CampaignsInForceService) {}

  @Get('campaigns')
  @ApiOperation({ summary: 'Points campaigns for my district in force now, or at some time in a window' })
  @ApiOkList(CampaignInForceDto, MAX_CAMPAIGNS, 'ending soonest first')
  @ApiErrors(ErrorCode.ValidationFailed)
  inForce(
    @CurrentCitizen() citizen: CitizenPrincipal,
    @Query() query: CampaignsQueryDto,
  ): Promise<CampaignInForceDto[]> {
    return this.campaigns.inForce(citizen, query);
  }
}
