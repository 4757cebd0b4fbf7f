import type { IdempotentResult } from '@app/persistence';
import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { IdempotencyKey } from '../common/idempotency-key.decorator.js';
import { Idempotent } from '../common/idempotent.interceptor.js';
import { PushBatchResultDto } from '../partners/dto/push.dto.js';
import type { PartnerRequest } from '../partners/partner-principal.js';
import { PartnerSignatureGuard } from '../partners/partner-signature.guard.js';
import { PushOrganisationBatchDto } from './dto/organisation-push.dto.js';
import { OrganisationPushService } from './organisation-push.service.js';

/** /partner/v1: a partner pushes organisations' verified data as it pushes citizens' (signed, idempotent). */
@ApiTags('partner')
@ApiHeader({ name: 'X-Key-Id', required: true })
@ApiHeader({ name: 'X-Timestamp', required: true, description: 'Unix seconds' })
@ApiHeader({ name: 'X-Nonce', required: true })
@ApiHeader({ name: 'X-Signature', required: true, description: 'hex HMAC-SHA256 of the string to sign' })
@ApiHeader({ name: 'Idempotency-Key', required: true })
@Public()
@UseGuards(PartnerSignatureGuard)
@Controller('partner/v1')
export class OrganisationPushController {
  constructor(private readonly pushes: OrganisationPushService) {}

  @Post('organisation-actions::batch')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary:
      'Push up to 1,000 verified actions of organisations (by 统一社会信用代码) the bureau let this partner push for',
  })
  @ApiOkResponse({ type: PushBatchResultDto })
  push(
    @IdempotencyKey() key: string,
    @Body() body: PushOrganisationBatchDto,
    @Req() request: PartnerRequest,
  ): Promise<IdempotentResult<PushBatchResultDto>> {
    return this.pushes.pushBatch(request, key, body);
  }
}
