import { ErrorCode, scopeCovers } from '@app/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsOptional } from 'class-validator';
import type { DataSource } from 'typeorm';
import { CurrentCitizen, type CitizenPrincipal } from '../auth/citizen-principal.js';
import { ApiErrors } from '../common/api-error.dto.js';
import { IsInstant } from '../common/field-shapes.js';
import { instantOf } from '../common/instants.js';
import { ApiOkList, instant } from '../common/response-types.js';
import { validationFailed } from '../common/validation.js';

const MAX_CAMPAIGNS = 100;

export class CampaignsQueryDto {
  @ApiPropertyOptional({ description: 'start of the window; default now (no offset = China time)' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'end of the window; default `from`, so one instant' })
  @IsOptional()
  @IsInstant()
  to?: string;
}

export class CampaignInForceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '全国低碳日 · 济南' }) name!: string;
  @ApiProperty({ example: '2', description: 'points are multiplied by this (a decimal string)' })
  multiplier!: string;
  @ApiProperty({ type: [String], nullable: true, description: 'the methodologies it covers; null = all' })
  methodologies!: string[] | null;
  @ApiProperty(instant()) startsAt!: string;
  @ApiProperty(instant('exclusive')) endsAt!: string;
}

interface CampaignRow {
  id: string;
  name: string;
  multiplier: string;
  region_scope: string[] | null;
  methodologies: string[] | null;
  starts_at: Date;
  ends_at: Date;
}

/**
 * The points campaigns that cover the caller's district, by the rules the worker applies
 * (selectCampaign: not cancelled, startsAt ≤ t < endsAt, scopeCovers for the region).
 */
@ApiTags('citizen actions')
@ApiBearerAuth()
@Controller('v1')
export class CampaignsInForceController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('campaigns')
  @ApiOperation({ summary: 'Points campaigns for my district in force now, or at some time in a window' })
  @ApiOkList(CampaignInForceDto, MAX_CAMPAIGNS, 'ending soonest first')
  @ApiErrors(ErrorCode.ValidationFailed)
  async inForce(
    @CurrentCitizen() citizen: CitizenPrincipal,
    @Query() query: CampaignsQueryDto,
  ): Promise<CampaignInForceDto[]> {
    const from = query.from ? instantOf('from', query.from) : new Date();
    const to = query.to ? instantOf('to', query.to) : from;
    if (to < from) throw validationFailed([{ field: 'to', problems: ['must not be before from'] }]);
    const rows = await this.dataSource.query<CampaignRow[]>(
      `SELECT id, name, trim_scale(multiplier)::text AS multiplier, region_scope, methodologies, starts_at, ends_at
       FROM campaigns
       WHERE cancelled_at IS NULL AND starts_at <= $2 AND ends_at > $1
       ORDER BY ends_at, id`,
      [from, to],
    );
    return rows
      .filter((row) => scopeCovers(row.region_scope, citizen.districtCode))
      .slice(0, MAX_CAMPAIGNS)
      .map((row) => ({
        id: row.id,
        name: row.name,
        multiplier: row.multiplier,
        methodologies: row.methodologies,
        startsAt: row.starts_at.toISOString(),
        endsAt: row.ends_at.toISOString(),
      }));
  }
}
