import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

interface PartnerRow {
  id: string;
  display_name: string;
  kinds: string[];
  methodologies: string[];
  may_redeem: boolean;
  webhook_url: string | null;
  created_at: Date;
  disabled_at: Date | null;
}

interface PartnerKeyRow {
  id: string;
  partner_id: string;
  created_at: Date;
  revoked_at: Date | null;
}

export interface PartnerRecord {
  id: string;
  displayName: string;
  kinds: string[];
  methodologies: string[];
  mayRedeem: boolean;
  webhookUrl: string | null;
  createdAt: Date;
  disabledAt: Date | null;
}

/** A key's public side: never its secret. */
export interface PartnerKeyRecord {
  id: string;
  partnerId: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export type NewPartnerRecord = Omit<PartnerRecord, 'createdAt' | 'disabledAt'>;

/** The admin's partner registry: partners and their API keys. */
@Injectable()
export class PartnerRegistryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async partners(): Promise<PartnerRecord[]> {
    const rows = await this.dataSource.query<PartnerRow[]>(`SELECT * FROM partners ORDER BY id`);
    return rows.map((p) => ({
      id: p.id,
      displayName: p.display_name,
      kinds: p.kinds,
      methodologies: p.methodologies,
      mayRedeem: p.may_redeem,
      webhookUrl: p.webhook_url ?? null,
      createdAt: p.created_at,
      disabledAt: p.disabled_at ?? null,
    }));
  }

  /** Every key of every partner, oldest first. */
  async keys(): Promise<PartnerKeyRecord[]> {
    const rows = await this.dataSource.query<PartnerKeyRow[]>(
      `SELECT id, partner_id, created_at, revoked_at FROM partner_keys ORDER BY created_at`,
    );
    return rows.map((k) => ({
      id: k.id,
      partnerId: k.partner_id,
      createdAt: k.created_at,
      revokedAt: k.revoked_at,
    }));
  }

  /** Partner display names by id (report labels). */
  async displayNames(): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<{ id: string; display_name: string }[]>(
      `SELECT id, display_name FROM partners`,
    );
    return new Map(rows.map((row) => [row.id, row.display_name]));
  }

  /** False when a partner with this id exists already (nothing is written then). */
  async insert(partner: NewPartnerRecord): Promise<boolean> {
    const inserted = await this.dataSource.query<unknown[]>(
      `INSERT INTO partners (id, display_name, kinds, methodologies, may_redeem, webhook_url) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        partner.id,
        partner.displayName,
        partner.kinds,
        partner.methodologies,
        partner.mayRedeem,
        partner.webhookUrl,
      ],
    );
    return inserted.length > 0;
  }

  /** False when there is no such partner. */
  async setWebhookUrl(partnerId: string, webhookUrl: string | null): Promise<boolean> {
    // An UPDATE answers [rows, count].
    const [updated] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE partners SET webhook_url = $2 WHERE id = $1 RETURNING id`,
      [partnerId, webhookUrl],
    );
    return updated.length > 0;
  }

  /** Sets disabled_at (kept if already set) or clears it; false when there is no such partner. */
  async setDisabled(partnerId: string, disabled: boolean): Promise<boolean> {
    const [updated] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE partners SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) END WHERE id = $1 RETURNING id`,
      [partnerId, disabled],
    );
    return updated.length > 0;
  }

  /** Locks the partner's row for the transaction; false when there is no such partner. */
  async lockPartner(manager: EntityManager, partnerId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT id FROM partners WHERE id = $1 FOR UPDATE`, [
      partnerId,
    ]);
    return rows.length > 0;
  }

  async countActiveKeys(manager: EntityManager, partnerId: string): Promise<number> {
    const [{ active }] = await manager.query<{ active: number }[]>(
      `SELECT count(*)::int AS active FROM partner_keys WHERE partner_id = $1 AND revoked_at IS NULL`,
      [partnerId],
    );
    return active;
  }

  async insertKey(
    manager: EntityManager,
    key: { id: string; partnerId: string; secretCiphertext: string },
  ): Promise<void> {
    await manager.query(`INSERT INTO partner_keys (id, partner_id, secret_ciphertext) VALUES ($1, $2, $3)`, [
      key.id,
      key.partnerId,
      key.secretCiphertext,
    ]);
  }

  /** Revokes (once; a second revocation keeps the first instant); null when the partner has no such key. */
  async revokeKey(partnerId: string, keyId: string): Promise<Date | null> {
    const [rows] = await this.dataSource.query<[{ revoked_at: Date }[], number]>(
      `UPDATE partner_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND partner_id = $2 RETURNING revoked_at`,
      [keyId, partnerId],
    );
    return rows[0]?.revoked_at ?? null;
  }
}
