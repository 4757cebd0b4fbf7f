import type { NewPartner, PartnerView } from '@app/contracts';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode, refusedWebhookUrl } from '@app/domain';
import { methodologyRegistry } from '@app/methodologies';
import { sealSecret } from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

export const PARTNER_KINDS = ['data-provider', 'redemption-channel'] as const;
/** Two keys may be active at once: the old and the new one during a rotation. */
const MAX_ACTIVE_KEYS = 2;

@Injectable()
export class PartnerRegistryService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(): Promise<PartnerView[]> {
    const [partners, keys] = await Promise.all([
      this.dataSource.query<Record<string, unknown>[]>(`SELECT * FROM partners ORDER BY id`),
      this.dataSource.query<{ id: string; partner_id: string; created_at: Date; revoked_at: Date | null }[]>(
        `SELECT id, partner_id, created_at, revoked_at FROM partner_keys ORDER BY created_at`,
      ),
    ]);
    return partners.map((p) => ({
      id: p.id as string,
      displayName: p.display_name as string,
      kinds: p.kinds as string[],
      methodologies: p.methodologies as string[],
      mayRedeem: p.may_redeem as boolean,
      webhookUrl: (p.webhook_url as string | null) ?? null,
      createdAt: (p.created_at as Date).toISOString(),
      disabledAt: p.disabled_at ? (p.disabled_at as Date).toISOString() : null,
      keys: keys
        .filter((k) => k.partner_id === p.id)
        .map((k) => ({
          keyId: k.id,
          createdAt: k.created_at.toISOString(),
          revokedAt: k.revoked_at?.toISOString() ?? null,
        })),
    }));
  }

  async create(body: NewPartner): Promise<PartnerView> {
    if (body.webhookUrl !== undefined) this.checkWebhookUrl(body.webhookUrl);
    const unknown = (body.methodologies ?? []).filter((m) => !methodologyRegistry.latest(m));
    if (unknown.length)
      throw new DomainError(ErrorCode.MethodologyUnknown, `unknown methodologies: ${unknown.join(', ')}`);
    const inserted = await this.dataSource.query<unknown[]>(
      `INSERT INTO partners (id, display_name, kinds, methodologies, may_redeem, webhook_url) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        body.id,
        body.displayName,
        body.kinds,
        body.methodologies ?? [],
        body.mayRedeem ?? false,
        body.webhookUrl ?? null,
      ],
    );
    if (!inserted.length) throw new DomainError(ErrorCode.PartnerExists, `partner ${body.id} exists`);
    return (await this.list()).find((p) => p.id === body.id)!;
  }

  /** Sets or (with null) removes the webhook URL; without one, nothing is delivered to the partner. */
  async setWebhookUrl(partnerId: string, webhookUrl: string | null): Promise<PartnerView> {
    if (webhookUrl !== null) this.checkWebhookUrl(webhookUrl);
    // An UPDATE answers [rows, count].
    const [updated] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE partners SET webhook_url = $2 WHERE id = $1 RETURNING id`,
      [partnerId, webhookUrl],
    );
    if (!updated.length) throw new DomainError(ErrorCode.PartnerNotFound, `no partner ${partnerId}`);
    return (await this.list()).find((p) => p.id === partnerId)!;
  }

  /** The worker checks again after resolving the name; this refuses what is wrong on its face. */
  private checkWebhookUrl(webhookUrl: string): void {
    const { allowedHosts, httpsOnly } = this.config.webhooks;
    const reason = refusedWebhookUrl(webhookUrl, { allowedHosts, httpsOnly });
    if (reason)
      throw new DomainError(ErrorCode.WebhookUrlRefused, `webhookUrl refused: ${reason}`, { reason });
  }

  /**
   * Disables or re-enables a partner. While disabled its signed calls are refused (403
   * PARTNER_DISABLED), its rewards cannot be redeemed and nothing is delivered to its webhook; its
   * keys, bindings and history stay as they are.
   */
  async setDisabled(partnerId: string, disabled: boolean): Promise<PartnerView> {
    // An UPDATE answers [rows, count].
    const [updated] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE partners SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) END WHERE id = $1 RETURNING id`,
      [partnerId, disabled],
    );
    if (!updated.length) throw new DomainError(ErrorCode.PartnerNotFound, `no partner ${partnerId}`);
    return (await this.list()).find((p) => p.id === partnerId)!;
  }

  /** A new key; the secret is returned this once and stored only encrypted. */
  async issueKey(partnerId: string): Promise<{ partnerId: string; keyId: string; secret: string }> {
    return this.dataSource.transaction(async (m) => {
      const [partner] = await m.query(`SELECT id FROM partners WHERE id = $1 FOR UPDATE`, [partnerId]);
      if (!partner) throw new DomainError(ErrorCode.PartnerNotFound, `no partner ${partnerId}`);
      const [{ active }] = await m.query<{ active: number }[]>(
        `SELECT count(*)::int AS active FROM partner_keys WHERE partner_id = $1 AND revoked_at IS NULL`,
        [partnerId],
      );
      if (active >= MAX_ACTIVE_KEYS) {
        throw new DomainError(
          ErrorCode.TooManyKeys,
          `at most ${MAX_ACTIVE_KEYS} keys may be active; revoke the old one first`,
        );
      }
      const keyId = `pk_${randomBytes(9).toString('base64url')}`;
      const secret = `sk_${randomBytes(32).toString('base64url')}`;
      await m.query(`INSERT INTO partner_keys (id, partner_id, secret_ciphertext) VALUES ($1, $2, $3)`, [
        keyId,
        partnerId,
        sealSecret(this.config.partners.secretKey, secret),
      ]);
      return { partnerId, keyId, secret };
    });
  }

  async revokeKey(partnerId: string, keyId: string): Promise<{ keyId: string; revokedAt: string }> {
    const [rows] = await this.dataSource.query<[{ revoked_at: Date }[], number]>(
      `UPDATE partner_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND partner_id = $2 RETURNING revoked_at`,
      [keyId, partnerId],
    );
    if (!rows.length) throw new DomainError(ErrorCode.NotFound, 'no such key for this partner', { keyId });
    return { keyId, revokedAt: rows[0].revoked_at.toISOString() };
  }
}
