import { UuidParam } from '../common/path-params.js';
import { DomainError, ErrorCode } from '@app/domain';
import { LedgerWriter, reserve, resolve, type HoldRow } from '@app/ledger';
import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { DataSource, EntityManager } from 'typeorm';
import { Public } from '../auth/public.decorator.js';
import { IdempotencyKey } from '../common/idempotency-key.decorator.js';
import { FreeText } from '../common/field-shapes.js';
import { PartnerIdempotency } from './partner-idempotency.js';
import { CurrentPartner, type PartnerPrincipal, type PartnerRequest } from './partner-principal.js';
import { PartnerSignatureGuard } from './partner-signature.guard.js';
import { ApiErrors } from '../common/api-error.dto.js';
import { HoldDto } from './dto/partner-responses.dto.js';

export class CreateHoldDto {
  @ApiProperty() @IsString() @Length(4, 64) partnerCitizenId!: string;
  @ApiProperty({ example: '100', description: 'points to reserve (string: integer)' })
  @Matches(/^[1-9]\d{0,15}$/)
  points!: string;

  @ApiPropertyOptional({
    default: 900,
    minimum: 60,
    maximum: 86_400,
    description: 'seconds before an unresolved hold expires',
  })
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(86_400)
  ttlSeconds?: number;

  @ApiPropertyOptional({ example: 'order-7781' })
  @IsOptional()
  @FreeText(1, 128)
  reference?: string;
}

export class ConfirmHoldDto {
  @ApiPropertyOptional({ description: 'points to take, at most the points held; default all' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,15}$/)
  points?: string;
}

interface HoldView {
  holdId: string;
  partnerCitizenId: string;
  points: string;
  confirmedPoints: string | null;
  status: string;
  reference: string | null;
  expiresAt: string;
  resolvedAt: string | null;
}

/** Partner-initiated redemption: reserve a bound citizen's points, then confirm or cancel, once. */
@ApiTags('partner')
@Public()
@UseGuards(PartnerSignatureGuard)
@Controller('partner/v1/holds')
export class HoldsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly idempotency: PartnerIdempotency,
    private readonly ledger: LedgerWriter,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: HoldDto })
  @ApiErrors(ErrorCode.RedemptionNotAllowed, ErrorCode.BindingNotFound, ErrorCode.InsufficientPoints)
  @HttpCode(201)
  @ApiOperation({
    summary: "Reserve a bound citizen's points (422 INSUFFICIENT_POINTS when they do not have them)",
  })
  async create(
    @CurrentPartner() partner: PartnerPrincipal,
    @IdempotencyKey() key: string,
    @Body() body: CreateHoldDto,
    @Req() request: PartnerRequest,
  ) {
    const response = await this.idempotency.run(request, key, body, async (m) => {
      await this.assertMayRedeem(m, partner.partnerId);
      const [binding] = await m.query<{ citizen_id: string }[]>(
        `SELECT citizen_id FROM bindings WHERE partner_id = $1 AND partner_citizen_id = $2 AND status = 'active'`,
        [partner.partnerId, body.partnerCitizenId],
      );
      if (!binding)
        throw new DomainError(ErrorCode.BindingNotFound, 'no active binding with this partnerCitizenId');
      const hold = await reserve(m, this.ledger, {
        partnerId: partner.partnerId,
        citizenId: binding.citizen_id,
        points: BigInt(body.points),
        ttlSeconds: body.ttlSeconds ?? 900,
        reference: body.reference,
      });
      return { statusCode: 201, body: this.view(hold, body.partnerCitizenId) };
    });
    return response.body;
  }

  @Get(':id')
  @ApiOkResponse({ type: HoldDto })
  @ApiErrors(ErrorCode.HoldNotFound)
  @ApiOperation({ summary: 'One of my holds' })
  async get(@CurrentPartner() partner: PartnerPrincipal, @UuidParam('id') id: string) {
    return this.dataSource.transaction(async (m) =>
      this.view(
        await this.find(m, partner.partnerId, id),
        await this.partnerCitizenId(m, partner.partnerId, id),
      ),
    );
  }

  @Post(':id/confirm')
  @ApiOkResponse({ type: HoldDto })
  @ApiErrors(
    ErrorCode.HoldNotFound,
    ErrorCode.HoldResolved,
    ErrorCode.HoldExpired,
    ErrorCode.ConfirmExceedsHold,
  )
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take all or part of the held points; the rest goes back. 409 if resolved or expired.',
  })
  confirm(
    @CurrentPartner() partner: PartnerPrincipal,
    @IdempotencyKey() key: string,
    @UuidParam('id') id: string,
    @Body() body: ConfirmHoldDto,
    @Req() request: PartnerRequest,
  ) {
    return this.settle(partner, key, id, request, body, {
      kind: 'confirm',
      points: body.points ? BigInt(body.points) : undefined,
    });
  }

  @Post(':id/cancel')
  @ApiOkResponse({ type: HoldDto })
  @ApiErrors(ErrorCode.HoldNotFound, ErrorCode.HoldResolved, ErrorCode.HoldExpired)
  @HttpCode(200)
  @ApiOperation({ summary: 'Give all the held points back. 409 if resolved or expired.' })
  cancel(
    @CurrentPartner() partner: PartnerPrincipal,
    @IdempotencyKey() key: string,
    @UuidParam('id') id: string,
    @Req() request: PartnerRequest,
  ) {
    return this.settle(partner, key, id, request, {}, { kind: 'cancel' });
  }

  private async settle(
    partner: PartnerPrincipal,
    key: string,
    id: string,
    request: PartnerRequest,
    body: unknown,
    outcome: { kind: 'confirm'; points?: bigint } | { kind: 'cancel' },
  ) {
    const response = await this.idempotency.run(request, key, body, async (m) => {
      const hold = await resolve(m, this.ledger, id, outcome, partner.partnerId);
      return {
        statusCode: 200,
        body: this.view(hold, await this.partnerCitizenId(m, partner.partnerId, id)),
      };
    });
    return response.body;
  }

  private async assertMayRedeem(m: EntityManager, partnerId: string): Promise<void> {
    const [partner] = await m.query<{ may_redeem: boolean }[]>(
      `SELECT may_redeem FROM partners WHERE id = $1`,
      [partnerId],
    );
    if (!partner?.may_redeem)
      throw new DomainError(ErrorCode.RedemptionNotAllowed, 'this partner is not a redemption channel');
  }

  private async find(m: EntityManager, partnerId: string, id: string): Promise<HoldRow> {
    const [hold] = await m.query<HoldRow[]>(`SELECT * FROM holds WHERE id = $1 AND partner_id = $2`, [
      id,
      partnerId,
    ]);
    if (!hold) throw new DomainError(ErrorCode.HoldNotFound, 'no such hold');
    return hold;
  }

  private async partnerCitizenId(m: EntityManager, partnerId: string, holdId: string): Promise<string> {
    const [row] = await m.query<{ partner_citizen_id: string }[]>(
      `SELECT b.partner_citizen_id FROM holds h JOIN bindings b ON b.citizen_id = h.citizen_id AND b.partner_id = h.partner_id
       WHERE h.id = $1 AND h.partner_id = $2 AND b.partner_citizen_id IS NOT NULL ORDER BY b.activated_at DESC LIMIT 1`,
      [holdId, partnerId],
    );
    return row?.partner_citizen_id ?? '';
  }

  private view(hold: HoldRow, partnerCitizenId: string): HoldView {
    return {
      holdId: hold.id,
      partnerCitizenId,
      points: String(hold.points),
      confirmedPoints: hold.confirmed_points === null ? null : String(hold.confirmed_points),
      status: hold.status,
      reference: hold.reference,
      expiresAt: hold.expires_at.toISOString(),
      resolvedAt: hold.resolved_at?.toISOString() ?? null,
    };
  }
}
