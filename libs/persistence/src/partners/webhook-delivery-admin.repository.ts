import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** A webhook delivery to a partner, without its payload. */
export interface WebhookDelivery {
  id: string;
  partnerId: string;
  orderId: string | null;
  eventType: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  parkedAt: Date | null;
}

interface DeliveryRow {
  id: string;
  partner_id: string;
  order_id: string | null;
  event_type: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
  parked_at: Date | null;
}

/** The webhook outbox as the admin sees it: list, and put a parked delivery back in line. */
@Injectable()
export class WebhookDeliveryAdminRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first, at most `limit`, only those in `status` when given. */
  async list(status: string | null, limit: number): Promise<WebhookDelivery[]> {
    const rows = await this.dataSource.query<DeliveryRow[]>(
      `SELECT id, partner_id, order_id, event_type, status, attempts, last_error, created_at, delivered_at, parked_at
       FROM webhook_deliveries WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC LIMIT $2`,
      [status, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      partnerId: row.partner_id,
      orderId: row.order_id,
      eventType: row.event_type,
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: row.created_at,
      deliveredAt: row.delivered_at,
      parkedAt: row.parked_at,
    }));
  }

  /** A parked delivery becomes pending again (its attempts column is kept); false when it is not parked or not there. */
  async unpark(deliveryId: string): Promise<boolean> {
    const [rows] = await this.dataSource.query<[{ id: string }[], number]>(
      `UPDATE webhook_deliveries SET status = 'pending', parked_at = NULL WHERE id = $1 AND status = 'parked' RETURNING id`,
      [deliveryId],
    );
    return rows.length > 0;
  }
}
