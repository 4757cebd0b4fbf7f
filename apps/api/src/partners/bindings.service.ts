import { DomainError, ErrorCode } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';

const CODE_TTL_MS = 10 * 60_000;
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    citizen: CitizenPrincipal,
    partnerId: string,
  ): Promise<{ bindingId: string; partnerId: string; code: string; expiresAt: string }> {
    const [partner] = await this.dataSource.query(
      `SELECT id FROM partners WHERE id = $1 AND disabled_at IS NULL`,
      [partnerId],
    );
    if (!partner) throw new DomainError(ErrorCode.PartnerNotFound, `no partner ${partnerId}`);
    const code = Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    const expiresAt = new Date(Date.now() + CODE_TTL_MS);
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO bindings (citizen_id, partner_id, code_digest, code_expires_at, status) VALUES ($1, $2, $3, $4, 'pending') RETURNING id`,
      [citizen.citizenId, partnerId, digest(code), expiresAt],
    );
    return { bindingId: row.id, partnerId, code, expiresAt: expiresAt.toISOString() };
  }

  async list(citizen: CitizenPrincipal): Promise<BindingView[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT b.id, b.partner_id, p.display_name, b.status, b.created_at, b.activated_at, b.revoked_at
       FROM bindings b JOIN partners p ON p.id = b.partner_id
       WHERE b.citizen_id = $1 AND b.status <> 'pending' ORDER BY b.created_at DESC LIMIT 100`,
      [citizen.citizenId],
    );
    const at = (d: unknown) => (d instanceof Date ? d.toISOString() : null);
    return rows.map((r) => ({
      id: r.id as string,
      partnerId: r.partner_id as string,
      partnerName: r.display_name as string,
      status: r.status as string,
      createdAt: at(r.created_at)!,
      activatedAt: at(r.activated_at),
      revokedAt: at(r.revoked_at),
    }));
  }

  async revoke(citizen: CitizenPrincipal, bindingId: string): Promise<{ id: string; status: 'revoked' }> {
    const [rows] = await this.dataSource.query<[{ id: string }[], number]>(
      `UPDATE bindings SET status = 'revoked', revoked_at = coalesce(revoked_at, now()), code_digest = NULL
       WHERE id = $1 AND citizen_id = $2 RETURNING id`,
      [bindingId, citizen.citizenId],
    );
    if (!rows.length) throw new DomainError(ErrorCode.BindingNotFound, 'no such binding');
    return { id: bindingId, status: 'revoked' };
  }

  /** The partner's side: a valid, unexpired code of a binding to this partner, used once. */
  async exchange(
    manager: EntityManager,
    partnerId: string,
    code: string,
  ): Promise<{ bindingId: string; partnerCitizenId: string }> {
    const [binding] = await manager.query<{ id: string; citizen_id: string }[]>(
      `SELECT id, citizen_id FROM bindings
       WHERE code_digest = $1 AND partner_id = $2 AND status = 'pending' AND code_expires_at > now() FOR UPDATE`,
      [digest(code), partnerId],
    );
    if (!binding)
      throw new DomainError(ErrorCode.BindingCodeInvalid, 'the binding code is unknown, used or expired');
    await manager.query(
      `UPDATE bindings SET status = 'revoked', revoked_at = now() WHERE citizen_id = $1 AND partner_id = $2 AND status = 'active'`,
      [binding.citizen_id, partnerId],
    );
    const partnerCitizenId = `pc_${randomBytes(15).toString('base64url')}`;
    await manager.query(
      `UPDATE bindings SET status = 'active', activated_at = now(), partner_citizen_id = $2, code_digest = NULL WHERE id = $1`,
      [binding.id, partnerCitizenId],
    );
    return { bindingId: binding.id, partnerCitizenId };
  }
}
