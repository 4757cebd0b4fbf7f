import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

interface DeliveryRow {
  id: string;
  partner_id: string;
  order_id: string | null;
  event_type: string;
  payload: Record<string, unknown>;
  status: string;
  webhook_url: string | null;
  partner_disabled_at: Date | null;
  secret_ciphertext: string | null;
  key_id: string | null;
}

/** A webhook delivery with what sending it needs: the partner's URL and state, and its newest active key. */
export interface DeliveryToSend {
  id: string;
  partnerId: string;
  orderId: string | null;
  eventType: string;
  payload: Record<string, unknown>;
  status: string;
  webhookUrl: string | null;
  partnerDisabledAt: Date | null;
  /** The partner's newest unrevoked key (null when it has none). */
  secretCiphertext: string | null;
  keyId: string | null;
}

/** Fulfilment events waiting to be posted to partners' webhooks, as the worker sends them. */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findToSend(deliveryId: string): Promise<DeliveryToSend | undefined> {
    const [row] = await this.dataSource.query<DeliveryRow[]>(
      `SELECT d.id, d.partner_id, d.order_id, d.event_type, d.payload, d.status,
              p.webhook_url, p.disabled_at AS partner_disabled_at, k.secret_ciphertext, k.id AS key_id
       FROM webhook_deliveries d JOIN partners p ON p.id = d.partner_id
       LEFT JOIN LATERAL (SELECT id, secret_ciphertext FROM partner_keys WHERE partner_id = d.partner_id AND revoked_at IS NULL
                          ORDER BY created_at DESC LIMIT 1) k ON true
       WHERE d.id = $1`,
      [deliveryId],
    );
    if (!row) return undefined;
    return {
      id: row.id,
      partnerId: row.partner_id,
      orderId: row.order_id,
      eventType: row.event_type,
      payload: row.payload,
      status: row.status,
      webhookUrl: row.webhook_url,
      partnerDisabledAt: row.partner_disabled_at,
      secretCiphertext: row.secret_ciphertext,
      keyId: row.key_id,
    };
  }

  async countAttempt(deliveryId: string): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_deliveries SET attempts = attempts + 1 WHERE id = $1`, [
      deliveryId,
    ]);
  }

  async markDelivered(manager: EntityManager, deliveryId: string): Promise<void> {
    await manager.query(
      `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = now(), last_error = NULL WHERE id = $1`,
      [deliveryId],
    );
  }

  async recordError(deliveryId: string, message: string): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_deliveries SET last_error = $2 WHERE id = $1`, [
      deliveryId,
      message,
    ]);
  }

  /** Parks a pending delivery for an admin; `reason` replaces its last error when given. */
  async park(deliveryId: string, reason?: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = 'parked', parked_at = now(), last_error = COALESCE($2::text, last_error)
       WHERE id = $1 AND status = 'pending'`,
      [deliveryId, reason ?? null],
    );
  }
}
