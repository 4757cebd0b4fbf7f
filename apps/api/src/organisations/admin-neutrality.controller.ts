import { ErrorCode } from '@app/domain';
import type { IdempotentResult } from '@app/persistence';
import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentAdmin, type AdminPrincipal } from '../auth/citizen-principal.js';
import { AdminRead, AdminWrite } from '../auth/roles.decorator.js';
import { ApiErrors } from '../common/api-error.dto.js';
import { IdempotencyKey } from '../common/idempotency-key.decorator.js';
import { Idempotent } from '../common/idempotent.interceptor.js';
import { CodeParam, UuidParam, YearParam } from '../common/path-params.js';
import {
  CorrectInventoryDto,
  InventoryDto,
  NeutraliseDto,
  NeutralityCertificateDto,
  NeutralityRetirementDto,
  NeutralityStatementDto,
  RecordInventoryDto,
} from './dto/neutrality.dto.js';
import { InventoryCorrectionsService } from './inventory-corrections.service.js';
import { NeutralityService } from './neutrality.service.js';

/** 公共机构碳中和: a public institution's inventories, retirements against them, certificates, statements. */
@ApiTags('admin: organisations')
@ApiBearerAuth()
@AdminRead()
@Controller('admin/v1/organisations/:id/inventories')
export class AdminNeutralityController {
  constructor(
    private readonly neutrality: NeutralityService,
    private readonly corrections: InventoryCorrectionsService,
  ) {}

  @AdminWrite()
  @Post()
  @ApiOperation({
    summary: "Record a public institution's annual emissions inventory (by scope, with the factors used)",
  })
  @ApiCreatedResponse({ type: InventoryDto })
  @ApiErrors(ErrorCode.OrganisationNotFound, ErrorCode.OrganisationNotInstitution, ErrorCode.InventoryExists)
  record(
    @CurrentAdmin() admin: AdminPrincipal,
    @UuidParam('id') id: string,
    @Body() body: RecordInventoryDto,
  ): Promise<InventoryDto> {
    return this.neutrality.record(admin, id, body);
  }

  @Get(':year')
  @ApiOperation({ summary: 'One year’s inventory and how much of it is neutralised' })
  @ApiOkResponse({ type: InventoryDto })
  @ApiErrors(
    ErrorCode.OrganisationNotFound,
    ErrorCode.OrganisationNotInstitution,
    ErrorCode.InventoryNotFound,
  )
  inventory(@UuidParam('id') id: string, @YearParam('year') year: number): Promise<InventoryDto> {
    return this.neutrality.inventory(id, year);
  }

  @AdminWrite()
  @Post(':year/revisions')
  @ApiOperation({
    summary:
      "Correct a year's inventory: a new revision (full lines and why); earlier revisions and retirements stay",
  })
  @ApiCreatedResponse({ type: InventoryDto })
  @ApiErrors(
    ErrorCode.OrganisationNotFound,
    ErrorCode.OrganisationNotInstitution,
    ErrorCode.InventoryNotFound,
    ErrorCode.InventoryExists,
  )
  correct(
    @CurrentAdmin() admin: AdminPrincipal,
    @UuidParam('id') id: string,
    @YearParam('year') year: number,
    @Body() body: CorrectInventoryDto,
  ): Promise<InventoryDto> {
    return this.corrections.correct(admin, id, year, body);
  }

  @AdminWrite()
  @Post(':year/retirements')
  @Idempotent({ replayStatus: 200 })
  @ApiOperation({
    summary:
      "Retire (注销) pooled reductions against the year's inventory; idempotent; never beyond what is left",
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiCreatedResponse({ type: NeutralityRetirementDto })
  @ApiOkResponse({
    type: NeutralityRetirementDto,
    description: 'the same Idempotency-Key again: the first retirement',
  })
  @ApiErrors(
    ErrorCode.OrganisationNotFound,
    ErrorCode.OrganisationNotInstitution,
    ErrorCode.InventoryNotFound,
    ErrorCode.InventoryOverNeutralised,
    ErrorCode.DistrictUnknown,
    ErrorCode.PoolInsufficient,
  )
  neutralise(
    @CurrentAdmin() admin: AdminPrincipal,
    @IdempotencyKey() key: string,
    @UuidParam('id') id: string,
    @YearParam('year') year: number,
    @Body() body: NeutraliseDto,
  ): Promise<IdempotentResult<NeutralityRetirementDto>> {
    return this.neutrality.neutralise(admin, key, id, year, body);
  }

  @Get(':year/retirements/:serial/certificate')
  @ApiOperation({ summary: 'The certificate of one retirement against the year (碳中和注销证明)' })
  @ApiOkResponse({ type: NeutralityCertificateDto })
  @ApiErrors(ErrorCode.OrganisationNotFound, ErrorCode.InventoryNotFound, ErrorCode.NotFound)
  certificate(
    @UuidParam('id') id: string,
    @YearParam('year') year: number,
    @CodeParam('serial') serial: string,
  ): Promise<NeutralityCertificateDto> {
    return this.neutrality.certificate(id, year, serial);
  }

  @Get(':year/statement')
  @ApiOperation({
    summary: "The year's 碳中和 statement: emissions by scope, retirements, the share neutralised",
  })
  @ApiOkResponse({ type: NeutralityStatementDto })
  @ApiErrors(
    ErrorCode.OrganisationNotFound,
    ErrorCode.OrganisationNotInstitution,
    ErrorCode.InventoryNotFound,
  )
  statement(@UuidParam('id') id: string, @YearParam('year') year: number): Promise<NeutralityStatementDto> {
    return this.neutrality.statement(id, year);
  }
}
