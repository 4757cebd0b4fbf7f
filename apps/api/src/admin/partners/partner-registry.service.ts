import type { NewPartner, PartnerView } from '@app/contracts';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode, refusedWebhookUrl } from '@app/domain';
import { methodologyRegistry } from '@app/methodologies';
import { PartnerRegistryRepository, sealSecret } from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Two keys may be active at once: the old and the new one during a rotation. */
const MAX_ACTIVE_KEYS = 2;

@Injectable()
export class PartnerRegistryService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly partners: PartnerRegistryRepository,
  ) {}

  async list(): Promise<PartnerView[]> {
    const [partners, keys] = await Promise.all([this.partners.partners(), this.partners.keys()]);
    return partners.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      kinds: p.kinds,
      methodologies: p.methodologies,
      mayRedeem: p.mayRedeem,
      webhookUrl: p.webhookUrl,
      createdAt: p.createdAt.toISOString(),
      disabledAt: p.disabledAt ? p.disabledAt.toISOString() : null,
      keys: keys
        .filter((k) => k.partnerId === p.id)
        .map((k) => ({
          keyId: k.id,
          createdAt: k.createdAt.toISOString(),
          revokedAt: k.revokedAt?.toISOString() ?? null,
        })),
    }));
  }

  async create(body: NewPartner): Promise<PartnerView> {
    if (body.webhookUrl !== undefined) this.checkWebhookUrl(body.webhookUrl);
    const unknown = (body.methodologies ?? []).filter((m) => !methodologyRegistry.latest(m));
    if (unknown.length)
      throw new DomainError(ErrorCode.MethodologyUnknown, `unknown methodologies: ${unknown.join(', ')}`);
    const inserted = await this.partners.insert({
      id: body.id,
      displayName: body.displayName,
      kinds: body.kinds,
      methodologies: body.methodologies ?? [],
      mayRedeem: body.mayRedeem ?? false,
      webhookUrl: body.webhookUrl ?? null,
    });
    if (!inserted) throw new DomainError(ErrorCode.PartnerExists, `partner ${body.id} exists`);
    return (await this.list()).find((p) => p.id === body.id)!;
  }

  /** Sets or (with null) removes the webhook URL; without one, nothing is delivered to the partner. */
  async setWebhookUrl(partnerId: string, webhookUrl: string | null): Promise<PartnerView> {
    if (webhookUrl !== null) this.checkWebhookUrl(webhookUrl);
    if (!(await this.partners.setWebhookUrl(partnerId, webhookUrl)))
      throw new DomainError(ErrorCode.PartnerNotFound, `no partner ${partnerId}`);
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
    if (!(await this.partners.setDisabled(partnerId, disabled)))
      throw new DomainError(ErrorCode.PartnerNotFound, `no partner ${partnerId}`);
    return (await this.list()).find((p) => p.id === partnerId)!;
  }

  /** A new key; the secret is returned this once and stored only encrypted. */
  async issueKey(partnerId: string): Promise<{ partnerId: string; keyId: string; secret: string }> {
    return this.dataSource.transaction(async (m) => {
      if (!(await this.partners.lockPartner(m, partnerId)))
        throw new DomainError(ErrorCode.PartnerNotFound, `no partner ${partnerId}`);
      const active = await this.partners.countActiveKeys(m, partnerId);
      if (active >= MAX_ACTIVE_KEYS) {
        throw new DomainError(
          ErrorCode.TooManyKeys,
          `at most ${MAX_ACTIVE_KEYS} keys may be active; revoke the old one first`,
        );
      }
      const keyId = `pk_${randomBytes(9).toString('base64url')}`;
      const secret = `sk_${randomBytes(32).toString('base64url')}`;
      await this.partners.insertKey(m, {
        id: keyId,
        partnerId,
        secretCiphertext: sealSecret(this.config.partners.secretKey, secret),
      });
      return { partnerId, keyId, secret };
    });
  }

  async revokeKey(partnerId: string, keyId: string): Promise<{ keyId: string; revokedAt: string }> {
    const revokedAt = await this.partners.revokeKey(partnerId, keyId);
    if (!revokedAt) throw new DomainError(ErrorCode.NotFound, 'no such key for this partner', { keyId });
    return { keyId, revokedAt: revokedAt.toISOString() };
  }
}
