import { CodeParam, SlugParam } from '../../common/path-params.js';
import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
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
  IsString,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';
import { FreeText } from '../../common/field-shapes.js';
import { AdminRead, AdminWrite } from '../../auth/roles.decorator.js';
import { PARTNER_KINDS, PartnerRegistryService } from './partner-registry.service.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../../common/api-error.dto.js';
import { IssuedKeyDto, PartnerDto, RevokedKeyDto } from './partner-responses.dto.js';

const WEBHOOK_URL_RULES =
  'http(s) URL; private, loopback, link-local and metadata destinations are refused (400 WEBHOOK_URL_REFUSED) unless WEBHOOK_ALLOWED_HOSTS allows them; https only in production.';

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

  @ApiPropertyOptional({
    example: 'https://partner.example.com/carbon/webhook',
    description: WEBHOOK_URL_RULES,
  })
  @IsOptional()
  @IsString()
  @Length(1, 2048)
  webhookUrl?: string;
}

export class WebhookUrlDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'https://partner.example.com/carbon/webhook',
    description: `${WEBHOOK_URL_RULES} null removes it: nothing is delivered then.`,
  })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, 2048)
  webhookUrl!: string | null;
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
  @Patch(':id/webhook')
  @ApiOperation({ summary: 'Set or remove the webhook URL' })
  @ApiOkResponse({ type: PartnerDto })
  @ApiErrors(ErrorCode.PartnerNotFound, ErrorCode.WebhookUrlRefused)
  setWebhook(@SlugParam('id') id: string, @Body() body: WebhookUrlDto) {
    return this.registry.setWebhookUrl(id, body.webhookUrl);
  }

  @AdminWrite()
  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Disable a partner: its signed calls are refused (403 PARTNER_DISABLED), its rewards cannot be redeemed, nothing is delivered to it',
  })
  @ApiOkResponse({ type: PartnerDto })
  @ApiErrors(ErrorCode.PartnerNotFound)
  disable(@SlugParam('id') id: string) {
    return this.registry.setDisabled(id, true);
  }

  @AdminWrite()
  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a disabled partner again' })
  @ApiOkResponse({ type: PartnerDto })
  @ApiErrors(ErrorCode.PartnerNotFound)
  enable(@SlugParam('id') id: string) {
    return this.registry.setDisabled(id, false);
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
