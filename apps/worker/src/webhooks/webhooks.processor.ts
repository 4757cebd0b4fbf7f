import { QueueName } from '@app/domain';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import type { HandlesJobs, JobHandlers } from '../processors/job-handlers.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';

/** Thin: delivery and parking live in the service; BullMQ supplies the retries. */
@Processor(QueueName.Webhooks, { concurrency: 20 })
export class WebhooksProcessor extends WorkerHost implements HandlesJobs {
  readonly queue = QueueName.Webhooks;
  readonly handlers: JobHandlers<typeof QueueName.Webhooks> = {
    'webhook.deliver': ({ deliveryId }) => this.deliveries.deliver(deliveryId),
  };

  constructor(private readonly deliveries: WebhookDeliveryService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const handler = (this.handlers as Record<string, (payload: unknown) => Promise<unknown>>)[job.name];
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    return handler(job.data);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<{ deliveryId: string }> | undefined): Promise<void> {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) await this.deliveries.park(job.data.deliveryId);
  }
}
