import { CodeParam, SlugParam } from '../../common/path-params.js';
import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRead, AdminWrite } from '../../auth/roles.decorator.js';
import { PartnerRegistryService } from './partner-registry.service.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../../common/api-error.dto.js';
import { CreatePartnerDto, WebhookUrlDto } from './dto/partner-requests.dto.js';
import { IssuedKeyDto, PartnerDto, RevokedKeyDto } from './dto/partner-responses.dto.js';

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
