import { DomainError, ErrorCode } from '@app/domain';
import { LedgerWriter, reserve, resolve, type HoldRow } from '@app/ledger';
import { IdempotencyStore, PartnerHoldsRepository, type IdempotentResult } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CreateHoldDto } from './dto/holds.dto.js';
import type { HoldDto } from './dto/partner-responses.dto.js';
import type { PartnerRequest } from './partner-principal.js';
import { partnerWriteKey } from './partner-write-key.js';

export type HoldOutcome = { kind: 'confirm'; points?: bigint } | { kind: 'cancel' };

const view = (hold: HoldRow, partnerCitizenId: string): HoldDto => ({
  holdId: hold.id,
  partnerCitizenId,
  points: String(hold.points),
  confirmedPoints: hold.confirmed_points === null ? null : String(hold.confirmed_points),
  status: hold.status,
  reference: hold.reference,
  expiresAt: hold.expires_at.toISOString(),
  resolvedAt: hold.resolved_at?.toISOString() ?? null,
});

/** Partner-initiated redemption: reserve a bound citizen's points, then confirm or cancel, once. */
@Injectable()
export class HoldsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyStore,
    private readonly ledger: LedgerWriter,
    private readonly holds: PartnerHoldsRepository,
  ) {}

  create(request: PartnerRequest, key: string, body: CreateHoldDto): Promise<IdempotentResult<HoldDto>> {
    const partnerId = request.partner!.partnerId;
    const { scope, requestHash } = partnerWriteKey(request, body);
    return this.idempotency.run(scope, key, requestHash, async (m) => {
      if (!(await this.holds.partnerMayRedeem(m, partnerId)))
        throw new DomainError(ErrorCode.RedemptionNotAllowed, 'this partner is not a redemption channel');
      const citizenId = await this.holds.boundCitizenId(m, partnerId, body.partnerCitizenId);
      if (!citizenId)
        throw new DomainError(ErrorCode.BindingNotFound, 'no active binding with this partnerCitizenId');
      const hold = await reserve(m, this.ledger, {
        partnerId,
        citizenId,
        points: BigInt(body.points),
        ttlSeconds: body.ttlSeconds ?? 900,
        reference: body.reference,
      });
      return { statusCode: 201, body: view(hold, body.partnerCitizenId) };
    });
  }

  get(partnerId: string, holdId: string): Promise<HoldDto> {
    return this.dataSource.transaction(async (m) => {
      const hold = await this.holds.findOfPartner(m, partnerId, holdId);
      if (!hold) throw new DomainError(ErrorCode.HoldNotFound, 'no such hold');
      return view(hold, await this.holds.partnerCitizenIdOf(m, partnerId, holdId));
    });
  }

  settle(
    request: PartnerRequest,
    key: string,
    holdId: string,
    body: unknown,
    outcome: HoldOutcome,
  ): Promise<IdempotentResult<HoldDto>> {
    const partnerId = request.partner!.partnerId;
    const { scope, requestHash } = partnerWriteKey(request, body);
    return this.idempotency.run(scope, key, requestHash, async (m) => {
      const hold = await resolve(m, this.ledger, holdId, outcome, partnerId);
      return { statusCode: 200, body: view(hold, await this.holds.partnerCitizenIdOf(m, partnerId, holdId)) };
    });
  }
}
