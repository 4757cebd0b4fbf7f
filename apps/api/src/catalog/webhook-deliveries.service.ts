import { DomainError, ErrorCode } from '@app/domain';
import { WebhookDeliveryAdminRepository } from '@app/persistence';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';

const LIST_LIMIT = 500;

/** The admin side of the webhook outbox: what was and was not delivered, and re-driving parked deliveries. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly webhooks: WebhookDeliveryAdminRepository,
    private readonly jobs: JobProducer,
  ) {}

  async deliveries(status?: string) {
    const deliveries = await this.webhooks.list(status ?? null, LIST_LIMIT);
    return deliveries.map((d) => ({
      deliveryId: d.id,
      partnerId: d.partnerId,
      orderId: d.orderId,
      eventType: d.eventType,
      status: d.status,
      attempts: d.attempts,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      parkedAt: d.parkedAt?.toISOString() ?? null,
    }));
  }

  /** Sends a parked delivery again (same event id, so the partner can de-duplicate), with fresh attempts. */
  async redrive(deliveryId: string) {
    if (!(await this.webhooks.unpark(deliveryId)))
      throw new DomainError(ErrorCode.DeliveryNotFound, 'no parked delivery with this id');
    await this.jobs.webhookDeliveries([deliveryId], Date.now());
    return { deliveryId, status: 'pending' };
  }
}
