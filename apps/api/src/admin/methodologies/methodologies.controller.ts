import { SlugParam, VersionParam } from '../../common/path-params.js';
import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRead, AdminWrite } from '../../auth/roles.decorator.js';
import {
  CreateDraftDto,
  DryRunDto,
  DryRunResultDto,
  MethodologySummaryDto,
  MethodologyVersionDto,
  ParamsSchemaDto,
  UpdateDraftDto,
} from './dto/methodology-version.dto.js';
import { MethodologyVersionsService } from './methodology-versions.service.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../../common/api-error.dto.js';

@ApiTags('admin: methodologies')
@ApiBearerAuth()
@AdminRead()
@Controller('admin/v1/methodologies')
export class MethodologiesController {
  constructor(private readonly versions: MethodologyVersionsService) {}

  @Get()
  @ApiOperation({ summary: 'Every methodology with its parameter versions' })
  @ApiOkResponse({ type: [MethodologySummaryDto] })
  list(): Promise<MethodologySummaryDto[]> {
    return this.versions.list();
  }

  @Get(':id/modules/:moduleVersion/params-schema')
  @ApiOperation({
    summary:
      "A code module's parameters as JSON Schema with Chinese field titles (the console builds its version form from it)",
  })
  @ApiErrors(ErrorCode.MethodologyUnknown, ErrorCode.NotFound)
  @ApiOkResponse({ type: ParamsSchemaDto })
  paramsSchema(
    @SlugParam('id') id: string,
    @VersionParam('moduleVersion') moduleVersion: number,
  ): ParamsSchemaDto {
    return this.versions.paramsSchema(id, moduleVersion);
  }

  @Get(':id/versions/:version')
  @ApiErrors(ErrorCode.VersionNotFound)
  @ApiOperation({ summary: 'One parameter version, as stored and with factor references resolved' })
  @ApiOkResponse({ type: MethodologyVersionDto })
  get(@SlugParam('id') id: string, @VersionParam('version') version: number): Promise<MethodologyVersionDto> {
    return this.versions.get(id, version);
  }

  @AdminWrite()
  @Post(':id/drafts')
  @ApiErrors(ErrorCode.MethodologyUnknown)
  @ApiOperation({ summary: 'Create a draft from the newest version' })
  @ApiCreatedResponse({ type: MethodologyVersionDto })
  createDraft(@SlugParam('id') id: string, @Body() body: CreateDraftDto): Promise<MethodologyVersionDto> {
    return this.versions.createDraft(id, body);
  }

  @AdminWrite()
  @Patch(':id/versions/:version')
  @ApiErrors(ErrorCode.VersionNotFound, ErrorCode.VersionImmutable, ErrorCode.ParamsInvalid)
  @ApiOperation({ summary: 'Edit a draft (a published version is immutable: 409)' })
  @ApiOkResponse({ type: MethodologyVersionDto })
  update(
    @SlugParam('id') id: string,
    @VersionParam('version') version: number,
    @Body() body: UpdateDraftDto,
  ): Promise<MethodologyVersionDto> {
    return this.versions.updateDraft(id, version, body);
  }

  @AdminWrite()
  @Post(':id/versions/:version/publish')
  @ApiErrors(ErrorCode.VersionNotFound, ErrorCode.VersionImmutable, ErrorCode.ParamsInvalid)
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a draft; from then on it is immutable' })
  @ApiOkResponse({ type: MethodologyVersionDto })
  publish(
    @SlugParam('id') id: string,
    @VersionParam('version') version: number,
  ): Promise<MethodologyVersionDto> {
    return this.versions.publish(id, version);
  }

  @AdminWrite()
  @Post(':id/versions/:version/retire')
  @ApiErrors(ErrorCode.VersionNotFound, ErrorCode.VersionImmutable)
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire a published version: it no longer applies to any action' })
  @ApiOkResponse({ type: MethodologyVersionDto })
  retire(
    @SlugParam('id') id: string,
    @VersionParam('version') version: number,
  ): Promise<MethodologyVersionDto> {
    return this.versions.retire(id, version);
  }

  @Post(':id/versions/:version/dry-run')
  @ApiErrors(ErrorCode.VersionNotFound, ErrorCode.ParamsInvalid)
  @HttpCode(200)
  @ApiOperation({ summary: 'Quantify an input with this version (any status) and write nothing' })
  @ApiOkResponse({ type: DryRunResultDto })
  dryRun(
    @SlugParam('id') id: string,
    @VersionParam('version') version: number,
    @Body() body: DryRunDto,
  ): Promise<DryRunResultDto> {
    return this.versions.dryRun(id, version, body.data);
  }
}
