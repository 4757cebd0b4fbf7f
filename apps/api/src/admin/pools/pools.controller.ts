import { CodeParam, RegionParam } from '../../common/path-params.js';
import type { ReconciliationReport } from '@app/ledger';
import type { IdempotentResult } from '@app/persistence';
import type { RetirementView } from '@app/contracts';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentAdmin, type AdminPrincipal } from '../../auth/citizen-principal.js';
import { AdminRead, AdminWrite } from '../../auth/roles.decorator.js';
import { IdempotencyKey } from '../../common/idempotency-key.decorator.js';
import { Idempotent } from '../../common/idempotent.interceptor.js';
import { RegionQueryDto, RetireDto } from './dto/retire.dto.js';
import { RetirementsService } from './retirements.service.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../../common/api-error.dto.js';
import { PoolDto, ReconciliationReportDto, RetirementDto } from './pool-responses.dto.js';
import { ApiOkList } from '../../common/response-types.js';

@ApiTags('admin: pools and ledger')
@ApiBearerAuth()
@AdminRead()
@Controller('admin/v1')
export class PoolsController {
  constructor(private readonly retirements: RetirementsService) {}

  @Get('pools')
  @ApiOkResponse({ type: [PoolDto] })
  @ApiOperation({ summary: 'Accrued, retired and available grams per region' })
  pools() {
    return this.retirements.pools();
  }

  @AdminWrite()
  @Post('pools/:region/retirements')
  @Idempotent({ replayStatus: 200 })
  @ApiCreatedResponse({ type: RetirementDto })
  @ApiOkResponse({ type: RetirementDto, description: 'the same Idempotency-Key again: the first record' })
  @ApiErrors(ErrorCode.DistrictUnknown, ErrorCode.PoolInsufficient)
  @ApiOperation({ summary: 'Retire (注销) grams from a region pool against a named purpose; idempotent' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  retire(
    @CurrentAdmin() admin: AdminPrincipal,
    @IdempotencyKey() key: string,
    @RegionParam('region') region: string,
    @Body() body: RetireDto,
  ): Promise<IdempotentResult<RetirementView>> {
    return this.retirements.retire(admin, key, region, body);
  }

  @Get('retirements')
  @ApiOkList(RetirementDto, 500, 'newest first')
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
    return this.retirements.reconcile();
  }
}
