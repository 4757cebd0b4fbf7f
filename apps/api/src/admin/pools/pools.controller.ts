import { CodeParam, RegionParam } from '../../common/path-params.js';
import { reconcile, type ReconciliationReport } from '@app/ledger';
import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsOptional, Matches } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { CurrentAdmin, type AdminPrincipal } from '../../auth/citizen-principal.js';
import { AdminRead, AdminWrite } from '../../auth/roles.decorator.js';
import { IdempotencyKey } from '../../common/idempotency-key.decorator.js';
import { FreeText } from '../../common/field-shapes.js';
import { RetirementsService } from './retirements.service.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../../common/api-error.dto.js';
import { PoolDto, ReconciliationReportDto, RetirementDto } from './pool-responses.dto.js';

export class RetireDto {
  @ApiProperty({ description: 'grams CO2e to retire (string: 64-bit integer)', example: '1000000' })
  @Matches(/^[1-9]\d{0,17}$/)
  grams!: string;

  @ApiProperty({ example: '2026 全国低碳日 济南主会场碳中和' })
  @FreeText(1, 500)
  purpose!: string;

  @ApiPropertyOptional({ example: '济南市生态环境局' })
  @IsOptional()
  @FreeText(1, 200)
  beneficiary?: string;
}

export class RegionQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{6}$/) region?: string;
}

@ApiTags('admin: pools and ledger')
@ApiBearerAuth()
@AdminRead()
@Controller('admin/v1')
export class PoolsController {
  constructor(
    private readonly retirements: RetirementsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('pools')
  @ApiOkResponse({ type: [PoolDto] })
  @ApiOperation({ summary: 'Accrued, retired and available grams per region' })
  pools() {
    return this.retirements.pools();
  }

  @AdminWrite()
  @Post('pools/:region/retirements')
  @ApiCreatedResponse({ type: RetirementDto })
  @ApiOkResponse({ type: RetirementDto, description: 'the same Idempotency-Key again: the first record' })
  @ApiErrors(ErrorCode.DistrictUnknown, ErrorCode.PoolInsufficient)
  @ApiOperation({ summary: 'Retire (注销) grams from a region pool against a named purpose; idempotent' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async retire(
    @CurrentAdmin() admin: AdminPrincipal,
    @IdempotencyKey() key: string,
    @RegionParam('region') region: string,
    @Body() body: RetireDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { retirement, replayed } = await this.retirements.retire(admin, key, region, body);
    reply.status(replayed ? 200 : 201);
    return retirement;
  }

  @Get('retirements')
  @ApiOkResponse({ type: [RetirementDto], description: 'at most 500, newest first' })
  @ApiOperation({ summary: 'Retirement records, newest first' })
  list(@Query() query: RegionQueryDto) {
    return this.retirements.list(query.region);
  }

  @Get('retirements/:serial')
  @ApiOkResponse({ type: RetirementDto })
  @ApiErrors(ErrorCode.NotFound)
  @ApiOperation({ summary: 'One retirement record by its serial number' })
  find(@CodeParam('serial') serial: string) {
    return this.retirements.find(serial);
  }

  @Get('ledger/reconcile')
  @ApiOkResponse({ type: ReconciliationReportDto })
  @ApiOperation({ summary: 'Check every ledger invariant now and report violations' })
  reconcile(): Promise<ReconciliationReport> {
    return reconcile(this.dataSource.manager);
  }
}
