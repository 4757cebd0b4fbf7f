import { IdempotencyStore } from '@app/persistence';
import { UuidParam } from '../common/path-params.js';
import { LedgerWriter, resolveOrder } from '@app/ledger';
import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { IdempotencyKey } from '../common/idempotency-key.decorator.js';
import { Idempotent } from '../common/idempotent.interceptor.js';
import { CurrentPartner, type PartnerPrincipal, type PartnerRequest } from '../partners/partner-principal.js';
import { PartnerSignatureGuard } from '../partners/partner-signature.guard.js';
import { partnerWriteKey } from '../partners/partner-write-key.js';
import { FulfilDto, ReasonDto } from './dto/catalog.dto.js';
import { toOrderView } from './order-view.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../common/api-error.dto.js';
import { OrderDto } from './dto/catalog-responses.dto.js';

/** The partner's side of an order: fulfil it with a coupon code, or fail it (the citizen is refunded). */
@ApiTags('partner')
@Public()
@UseGuards(PartnerSignatureGuard)
@Controller('partner/v1/orders')
export class PartnerOrdersController {
  constructor(
    private readonly idempotency: IdempotencyStore,
    private readonly ledger: LedgerWriter,
  ) {}

  @Post(':id/fulfil')
  @ApiOperation({ summary: 'Fulfil a pending order with the coupon code the citizen will see' })
  @ApiOkResponse({ type: OrderDto })
  @ApiErrors(ErrorCode.OrderNotFound, ErrorCode.OrderResolved)
  @HttpCode(200)
  @Idempotent()
  fulfil(
    @CurrentPartner() partner: PartnerPrincipal,
    @IdempotencyKey() key: string,
    @UuidParam('id') id: string,
    @Body() body: FulfilDto,
    @Req() request: PartnerRequest,
  ) {
    return this.resolve(partner, key, id, request, body, { kind: 'fulfil', couponCode: body.couponCode });
  }

  @Post(':id/fail')
  @ApiOperation({ summary: 'Fail a pending order: the citizen is refunded, once' })
  @ApiOkResponse({ type: OrderDto })
  @ApiErrors(ErrorCode.OrderNotFound, ErrorCode.OrderResolved)
  @HttpCode(200)
  @Idempotent()
  fail(
    @CurrentPartner() partner: PartnerPrincipal,
    @IdempotencyKey() key: string,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
    @Req() request: PartnerRequest,
  ) {
    return this.resolve(partner, key, id, request, body, { kind: 'fail', reason: body.reason });
  }

  private resolve(
    partner: PartnerPrincipal,
    key: string,
    id: string,
    request: PartnerRequest,
    body: unknown,
    outcome: { kind: 'fulfil'; couponCode: string } | { kind: 'fail'; reason: string },
  ) {
    const { scope, requestHash } = partnerWriteKey(request, body);
    return this.idempotency.run(scope, key, requestHash, async (m) => ({
      statusCode: 200,
      body: toOrderView(await resolveOrder(m, this.ledger, id, outcome, partner.partnerId)),
    }));
  }
}
