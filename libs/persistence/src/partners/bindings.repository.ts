import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** A binding of a citizen to a partner, with the partner's display name. */
export interface CitizenBinding {
  id: string;
  partnerId: string;
  partnerName: string;
  status: string;
  createdAt: Date;
  activatedAt: Date | null;
  revokedAt: Date | null;
}

interface BindingRow {
  id: string;
  partner_id: string;
  display_name: string;
  status: string;
  created_at: Date;
  activated_at: Date | null;
  revoked_at: Date | null;
}

/** Citizen–partner bindings: a pending one carries a one-time code's digest until a partner exchanges it. */
@Injectable()
export class BindingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new pending binding whose code (by digest) is valid until `codeExpiresAt`; returns its id. */
  async insertPending(
    citizenId: string,
    partnerId: string,
    codeDigest: string,
    codeExpiresAt: Date,
  ): Promise<string> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO bindings (citizen_id, partner_id, code_digest, code_expires_at, status) VALUES ($1, $2, $3, $4, 'pending') RETURNING id`,
      [citizenId, partnerId, codeDigest, codeExpiresAt],
    );
    return row.id;
  }

  /** The citizen's bindings that are not pending, newest first, at most `limit`. */
  async listForCitizen(citizenId: string, limit: number): Promise<CitizenBinding[]> {
    const rows = await this.dataSource.query<BindingRow[]>(
      `SELECT b.id, b.partner_id, p.display_name, b.status, b.created_at, b.activated_at, b.revoked_at
       FROM bindings b JOIN partners p ON p.id = b.partner_id
       WHERE b.citizen_id = $1 AND b.status <> 'pending' ORDER BY b.created_at DESC LIMIT $2`,
      [citizenId, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      partnerId: row.partner_id,
      partnerName: row.display_name,
      status: row.status,
      createdAt: row.created_at,
      activatedAt: row.activated_at,
      revokedAt: row.revoked_at,
    }));
  }

  /** Revokes the citizen's binding (again, if already revoked) and forgets its code; false when there is none. */
  async revoke(citizenId: string, bindingId: string): Promise<boolean> {
    const [rows] = await this.dataSource.query<[{ id: string }[], number]>(
      `UPDATE bindings SET status = 'revoked', revoked_at = coalesce(revoked_at, now()), code_digest = NULL
       WHERE id = $1 AND citizen_id = $2 RETURNING id`,
      [bindingId, citizenId],
    );
    return rows.length > 0;
  }

  /** The pending binding to this partner whose unexpired code has this digest, locked; null when none. */
  async lockPendingByCode(
    manager: EntityManager,
    partnerId: string,
    codeDigest: string,
  ): Promise<{ id: string; citizenId: string } | null> {
    const [row] = await manager.query<{ id: string; citizen_id: string }[]>(
      `SELECT id, citizen_id FROM bindings
       WHERE code_digest = $1 AND partner_id = $2 AND status = 'pending' AND code_expires_at > now() FOR UPDATE`,
      [codeDigest, partnerId],
    );
    return row ? { id: row.id, citizenId: row.citizen_id } : null;
  }

  /** Revokes the citizen's active binding to this partner, if any. */
  async revokeActive(manager: EntityManager, citizenId: string, partnerId: string): Promise<void> {
    await manager.query(
      `UPDATE bindings SET status = 'revoked', revoked_at = now() WHERE citizen_id = $1 AND partner_id = $2 AND status = 'active'`,
      [citizenId, partnerId],
    );
  }

  /** Makes a pending binding active under the partner-scoped id, and forgets its code. */
  async activate(manager: EntityManager, bindingId: string, partnerCitizenId: string): Promise<void> {
    await manager.query(
      `UPDATE bindings SET status = 'active', activated_at = now(), partner_citizen_id = $2, code_digest = NULL WHERE id = $1`,
      [bindingId, partnerCitizenId],
    );
  }
}
