import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** A partner's signing key, with whether it or its partner has been switched off. */
export interface PartnerSigningKey {
  partnerId: string;
  /** The shared secret, sealed with the platform's key (openSecret opens it). */
  secretCiphertext: string;
  revokedAt: Date | null;
  partnerDisabledAt: Date | null;
}

/** Partners and their keys, looked up by id. */
@Injectable()
export class PartnerDirectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether a partner with this id exists and is not disabled. */
  async isActive(partnerId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT id FROM partners WHERE id = $1 AND disabled_at IS NULL`,
      [partnerId],
    );
    return rows.length > 0;
  }

  /** Whether the partner may be a redemption channel; null when there is no such partner. */
  async mayRedeem(partnerId: string): Promise<boolean | null> {
    const [row] = await this.dataSource.query<{ may_redeem: boolean }[]>(
      `SELECT may_redeem FROM partners WHERE id = $1`,
      [partnerId],
    );
    return row ? row.may_redeem : null;
  }

  /** The signing key with this id, revoked or not; null when there is none. */
  async signingKey(keyId: string): Promise<PartnerSigningKey | null> {
    const [row] = await this.dataSource.query<
      { partner_id: string; secret_ciphertext: string; revoked_at: Date | null; disabled_at: Date | null }[]
    >(
      `SELECT k.partner_id, k.secret_ciphertext, k.revoked_at, p.disabled_at
       FROM partner_keys k JOIN partners p ON p.id = k.partner_id WHERE k.id = $1`,
      [keyId],
    );
    return row
      ? {
          partnerId: row.partner_id,
          secretCiphertext: row.secret_ciphertext,
          revokedAt: row.revoked_at,
          partnerDisabledAt: row.disabled_at,
        }
      : null;
  }
}
