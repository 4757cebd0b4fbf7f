import { APP_CONFIG, type AppConfig } from '@app/config';
import { LedgerWriter, resolveOrder } from '@app/ledger';
import { SIGNATURE_HEADERS, signature } from '@app/partner-client';
import { WebhookDeliveriesRepository, openSecret, type DeliveryToSend } from '@app/persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DestinationRefused, pinnedPost } from './pinned-post.js';

/**
 * Posts a fulfilment event to the partner's webhook, signed like partner requests (the partner checks
 * it with the same secret), with the delivery id as a stable event id. A failure throws, so BullMQ
 * retries with exponential backoff and jitter; the last failure parks the delivery for an admin.
 * What no retry can fix parks it at once, with the reason: a partner disabled or without a webhook
 * URL, a destination refused (private, loopback, metadata … after resolving the name).
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerWriter,
    private readonly deliveries: WebhookDeliveriesRepository,
  ) {}

  async deliver(deliveryId: string): Promise<'delivered' | 'skipped' | 'parked'> {
    const delivery = await this.deliveries.findToSend(deliveryId);
    if (!delivery || delivery.status !== 'pending') return 'skipped';
    if (delivery.partnerDisabledAt) return this.parkNow(delivery, 'the partner is disabled');
    if (!delivery.webhookUrl) return this.parkNow(delivery, 'the partner has no webhook URL');
    await this.deliveries.countAttempt(deliveryId);
    try {
      if (!delivery.secretCiphertext || !delivery.keyId)
        throw new Error('the partner has no active key to sign with');
      const body = JSON.stringify({
        eventId: delivery.id,
        type: delivery.eventType,
        data: delivery.payload,
      });
      const url = new URL(delivery.webhookUrl);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = randomBytes(16).toString('hex');
      const secret = openSecret(this.config.partners.secretKey, delivery.secretCiphertext);
      const { timeoutMs, allowedHosts, httpsOnly } = this.config.webhooks;
      const response = await pinnedPost(url, {
        timeoutMs,
        policy: { allowedHosts, httpsOnly },
        headers: {
          'content-type': 'application/json',
          'x-event-id': delivery.id,
          'x-event-type': delivery.eventType,
          [SIGNATURE_HEADERS.keyId]: delivery.keyId,
          [SIGNATURE_HEADERS.timestamp]: timestamp,
          [SIGNATURE_HEADERS.nonce]: nonce,
          [SIGNATURE_HEADERS.signature]: signature(secret, {
            method: 'POST',
            pathWithQuery: url.pathname + url.search,
            timestamp,
            nonce,
            body,
          }),
        },
        body,
      });
      if (response.status >= 300 && response.status < 400)
        throw new Error(`HTTP ${response.status}: redirects are not followed`);
      if (response.status < 200 || response.status >= 300) throw new Error(`HTTP ${response.status}`);
      const answer = parseAnswer(response.body);
      await this.dataSource.transaction(async (m) => {
        await this.deliveries.markDelivered(m, deliveryId);
        // A partner may answer the event with the coupon straight away instead of calling back.
        if (delivery.orderId && typeof answer.couponCode === 'string' && answer.couponCode.length > 0) {
          await resolveOrder(m, this.ledger, delivery.orderId, {
            kind: 'fulfil',
            couponCode: answer.couponCode.slice(0, 128),
          }).catch(() => undefined);
        }
      });
      return 'delivered';
    } catch (error) {
      if (error instanceof DestinationRefused) return this.parkNow(delivery, error.message);
      const message = (error as Error).message;
      await this.deliveries.recordError(deliveryId, message.slice(0, 500));
      this.logger.warn(`webhook ${deliveryId} to ${delivery.partnerId} failed: ${message}`);
      throw error;
    }
  }

  private async parkNow(delivery: DeliveryToSend, reason: string): Promise<'parked'> {
    await this.deliveries.park(delivery.id, reason);
    this.logger.warn(`webhook ${delivery.id} to ${delivery.partnerId} parked without retrying: ${reason}`);
    return 'parked';
  }

  /** After the last attempt: parked, waiting for an admin to re-drive it. */
  async park(deliveryId: string): Promise<void> {
    await this.deliveries.park(deliveryId);
    this.logger.error(`webhook ${deliveryId} parked after its last attempt`);
  }
}

function parseAnswer(body: string): { couponCode?: unknown } {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}
