import { UuidParam } from '../../common/path-params.js';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAdmin, type AdminPrincipal } from '../../auth/citizen-principal.js';
import { AdminRead, AdminWrite } from '../../auth/roles.decorator.js';
import { CampaignsService } from './campaigns.service.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../../common/api-error.dto.js';
import { CampaignDto } from './dto/campaign-responses.dto.js';
import { CreateCampaignDto } from './dto/create-campaign.dto.js';
import { ApiOkList } from '../../common/response-types.js';

@ApiTags('admin: campaigns')
@ApiBearerAuth()
@AdminRead()
@Controller('admin/v1/campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  @ApiOkList(CampaignDto, 500, 'newest first')
  @ApiOperation({ summary: 'Campaigns, newest first' })
  list() {
    return this.campaigns.list();
  }

  @AdminWrite()
  @Post()
  @ApiCreatedResponse({ type: CampaignDto })
  @ApiErrors(ErrorCode.DistrictUnknown, ErrorCode.MethodologyUnknown)
  @ApiOperation({
    summary:
      'Create a points multiplier for a region, methodologies and dates (the best one applies; they do not stack)',
  })
  create(@CurrentAdmin() admin: AdminPrincipal, @Body() body: CreateCampaignDto) {
    return this.campaigns.create(admin, body);
  }

  @AdminWrite()
  @Post(':id/cancel')
  @ApiOkResponse({ type: CampaignDto })
  @ApiErrors(ErrorCode.CampaignNotFound)
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a campaign: actions quantified from now on no longer get it' })
  cancel(@UuidParam('id') id: string) {
    return this.campaigns.cancel(id);
  }
}
