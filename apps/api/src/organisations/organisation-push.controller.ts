import { IdempotencyStore } from '@app/persistence';
import { JobProducer } from '@app/queues';
import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { IdempotencyKey } from '../common/idempotency-key.decorator.js';
import { PushBatchResultDto } from '../partners/dto/push.dto.js';
import { CurrentPartner, type PartnerPrincipal, type PartnerRequest } from '../partners/partner-principal.js';
import { PartnerSignatureGuard } from '../partners/partner-signature.guard.js';
import { partnerWriteKey } from '../partners/partner-write-key.js';
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
  constructor(
    private readonly idempotency: IdempotencyStore,
    private readonly pushes: OrganisationPushService,
    private readonly jobs: JobProducer,
  ) {}

  @Post('organisation-actions::batch')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Push up to 1,000 verified actions of organisations (by 统一社会信用代码) the bureau let this partner push for',
  })
  @ApiOkResponse({ type: PushBatchResultDto })
  async push(
    @CurrentPartner() partner: PartnerPrincipal,
    @IdempotencyKey() key: string,
    @Body() body: PushOrganisationBatchDto,
    @Req() request: PartnerRequest,
  ): Promise<PushBatchResultDto> {
    let acceptedIds: string[] = [];
    const { scope, requestHash } = partnerWriteKey(request, body);
    const response = await this.idempotency.run(scope, key, requestHash, async (manager) => {
      const outcome = await this.pushes.push(manager, partner.partnerId, body.actions);
      acceptedIds = outcome.acceptedIds;
      return { statusCode: 200, body: { results: outcome.results } };
    });
    await this.jobs.actionsReceived(acceptedIds);
    return response.body;
  }
}
