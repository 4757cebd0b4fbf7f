import { UuidParam } from '../../common/path-params.js';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, Matches } from 'class-validator';
import { FreeText, IsInstant } from '../../common/field-shapes.js';
import { CurrentAdmin, type AdminPrincipal } from '../../auth/citizen-principal.js';
import { AdminRead, AdminWrite } from '../../auth/roles.decorator.js';
import { CampaignsService } from './campaigns.service.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../../common/api-error.dto.js';
import { CampaignDto } from './campaign-responses.dto.js';

export class CreateCampaignDto {
  @ApiProperty({ example: '全国低碳日 · 济南' }) @FreeText(1, 200) name!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['370100'],
    description: 'district codes; omitted = everywhere',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(/^\d{6}$/, { each: true })
  regionScope?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['cycling', 'bus', 'metro'],
    description: 'omitted = every methodology',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[a-z][a-z0-9-]{0,63}$/, { each: true })
  methodologies?: string[];

  @ApiProperty({ example: '2026-06-15T00:00:00+08:00' }) @IsInstant() startsAt!: string;
  @ApiProperty({ example: '2026-06-16T00:00:00+08:00' }) @IsInstant() endsAt!: string;

  @ApiProperty({ example: '2', description: 'decimal string, 1 to 10, at most 3 decimals' })
  @Matches(/^(10(\.0{1,3})?|[1-9](\.\d{1,3})?)$/)
  multiplier!: string;
}

@ApiTags('admin: campaigns')
@ApiBearerAuth()
@AdminRead()
@Controller('admin/v1/campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  @ApiOkResponse({ type: [CampaignDto], description: 'at most 500, newest first' })
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
