import { DomainError, ErrorCode } from '@app/domain';
import {
  BindingsRepository,
  IdempotencyStore,
  PartnerDirectoryRepository,
  type IdempotentResult,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import type { PartnerRequest } from './partner-principal.js';
import { partnerWriteKey } from './partner-write-key.js';

const CODE_TTL_MS = 10 * 60_000;
const LIST_LIMIT = 100;
// No 0/O or 1/I/L: codes are read off a phone screen.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const digest = (code: string) => createHash('sha256').update(code.toUpperCase()).digest('hex');

export interface BindingView {
  id: string;
  partnerId: string;
  partnerName: string;
  status: string;
  createdAt: string;
  activatedAt: string | null;
  revokedAt: string | null;
}

/**
 * A citizen authorises a partner with a one-time code; the partner exchanges it for a partner-scoped
 * id that means nothing elsewhere. The partner never learns the citizen's openid or internal id.
 */
@Injectable()
export class BindingsService {
  constructor(
    private readonly bindings: BindingsRepository,
    private readonly partners: PartnerDirectoryRepository,
    private readonly idempotency: IdempotencyStore,
  ) {}

  async create(
    citizen: CitizenPrincipal,
    partnerId: string,
  ): Promise<{ bindingId: string; partnerId: string; code: string; expiresAt: string }> {
    if (!(await this.partners.isActive(partnerId)))
      throw new DomainError(ErrorCode.PartnerNotFound, `no partner ${partnerId}`);
    const code = Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    const expiresAt = new Date(Date.now() + CODE_TTL_MS);
    const bindingId = await this.bindings.insertPending(
      citizen.citizenId,
      partnerId,
      digest(code),
      expiresAt,
    );
    return { bindingId, partnerId, code, expiresAt: expiresAt.toISOString() };
  }

  async list(citizen: CitizenPrincipal): Promise<BindingView[]> {
    const rows = await this.bindings.listForCitizen(citizen.citizenId, LIST_LIMIT);
    return rows.map((row) => ({
      id: row.id,
      partnerId: row.partnerId,
      partnerName: row.partnerName,
      status: row.status,
      createdAt: row.createdAt.toISOString(),
      activatedAt: row.activatedAt?.toISOString() ?? null,
      revokedAt: row.revokedAt?.toISOString() ?? null,
    }));
  }

  async revoke(citizen: CitizenPrincipal, bindingId: string): Promise<{ id: string; status: 'revoked' }> {
    if (!(await this.bindings.revoke(citizen.citizenId, bindingId)))
      throw new DomainError(ErrorCode.BindingNotFound, 'no such binding');
    return { id: bindingId, status: 'revoked' };
  }

  /**
   * The partner's side, once per Idempotency-Key: a replay answers the first exchange's binding
   * (the code is spent by then), another body under the key is IDEMPOTENCY_KEY_REUSED.
   */
  exchange(
    request: PartnerRequest,
    key: string,
    body: { code: string },
  ): Promise<IdempotentResult<{ bindingId: string; partnerCitizenId: string }>> {
    const { scope, requestHash } = partnerWriteKey(request, body);
    return this.idempotency.run(scope, key, requestHash, async (manager) => ({
      statusCode: 200,
      body: await this.redeemCode(manager, request.partner!.partnerId, body.code),
    }));
  }

  /** A valid, unexpired code of a binding to this partner, used once. */
  private async redeemCode(
    manager: EntityManager,
    partnerId: string,
    code: string,
  ): Promise<{ bindingId: string; partnerCitizenId: string }> {
    const binding = await this.bindings.lockPendingByCode(manager, partnerId, digest(code));
    if (!binding)
      throw new DomainError(ErrorCode.BindingCodeInvalid, 'the binding code is unknown, used or expired');
    await this.bindings.revokeActive(manager, binding.citizenId, partnerId);
    const partnerCitizenId = `pc_${randomBytes(15).toString('base64url')}`;
    await this.bindings.activate(manager, binding.id, partnerCitizenId);
    return { bindingId: binding.id, partnerCitizenId };
  }
}
