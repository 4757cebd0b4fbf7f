import { CodeParam, SlugParam } from '../../common/path-params.js';
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
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsUrl,
  Matches,
} from 'class-validator';
import { FreeText } from '../../common/field-shapes.js';
import { AdminRead, AdminWrite } from '../../auth/roles.decorator.js';
import { PARTNER_KINDS, PartnerRegistryService } from './partner-registry.service.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../../common/api-error.dto.js';
import { IssuedKeyDto, PartnerDto, RevokedKeyDto } from './partner-responses.dto.js';

export class CreatePartnerDto {
  @ApiProperty({ example: 'hellobike', description: 'a stable slug' })
  @Matches(/^[a-z][a-z0-9-]{1,63}$/)
  id!: string;
  @ApiProperty({ example: '哈啰出行' }) @FreeText(1, 200) displayName!: string;

  @ApiProperty({ enum: PARTNER_KINDS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(PARTNER_KINDS, { each: true })
  kinds!: string[];

  @ApiPropertyOptional({ type: [String], example: ['cycling'], description: 'methodologies it may push' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[a-z][a-z0-9-]{0,63}$/, { each: true })
  methodologies?: string[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean() mayRedeem?: boolean;

  @ApiPropertyOptional({ example: 'https://partner.example.com/carbon/webhook' })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'] })
  webhookUrl?: string;
}

@ApiTags('admin: partners')
@ApiBearerAuth()
@AdminRead()
@Controller('admin/v1/partners')
export class PartnersController {
  constructor(private readonly registry: PartnerRegistryService) {}

  @Get()
  @ApiOkResponse({ type: [PartnerDto] })
  @ApiOperation({ summary: 'Partners and their keys (never the secrets)' })
  list() {
    return this.registry.list();
  }

  @AdminWrite()
  @Post()
  @ApiCreatedResponse({ type: PartnerDto })
  @ApiErrors(ErrorCode.PartnerExists, ErrorCode.MethodologyUnknown)
  @ApiOperation({ summary: 'Register a partner' })
  create(@Body() body: CreatePartnerDto) {
    return this.registry.create(body);
  }

  @AdminWrite()
  @Post(':id/keys')
  @ApiCreatedResponse({ type: IssuedKeyDto })
  @ApiErrors(ErrorCode.PartnerNotFound, ErrorCode.TooManyKeys)
  @ApiOperation({
    summary: 'Issue an API key; the secret is shown once. Two may be active during a rotation.',
  })
  issue(@SlugParam('id') id: string) {
    return this.registry.issueKey(id);
  }

  @AdminWrite()
  @Post(':id/keys/:keyId/revoke')
  @ApiOkResponse({ type: RevokedKeyDto })
  @ApiErrors(ErrorCode.NotFound)
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a key: requests signed with it are refused from now on' })
  revoke(@SlugParam('id') id: string, @CodeParam('keyId') keyId: string) {
    return this.registry.revokeKey(id, keyId);
  }
}
