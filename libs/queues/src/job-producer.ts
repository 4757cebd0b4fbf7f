import { JOB_QUEUES, QueueName, jobId, type JobName, type JobPayload } from '@app/domain';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';

const ENQUEUE_TIMEOUT_MS = 1_000;
/** A wake-up Redis refused is sent again after this, doubling up to the cap, until Redis takes it. */
const OWED_RETRY_FIRST_MS = 250;
const OWED_RETRY_MAX_MS = 2_000;

/**
 * Adds wake-up jobs. Enqueueing is best effort by design: the work is already in Postgres, so a
 * Redis outage delays it (until the sweeper re-enqueues) but never loses it or fails the request.
 */
@Injectable()
export class JobProducer implements OnModuleDestroy {
  private readonly logger = new Logger(JobProducer.name);
  private readonly queues: Record<QueueName, Queue>;

  private lastErrorLoggedAt = 0;

  constructor(
    @InjectQueue(QueueName.Actions) actions: Queue,
    @InjectQueue(QueueName.Webhooks) webhooks: Queue,
  ) {
    this.queues = { [QueueName.Actions]: actions, [QueueName.Webhooks]: webhooks };
    // Without a listener every reconnect attempt prints a stack; one warning per interval says enough.
    for (const queue of [actions, webhooks]) {
      queue.on('error', (error: Error) => {
        if (Date.now() - this.lastErrorLoggedAt < 10_000) return;
        this.lastErrorLoggedAt = Date.now();
        this.logger.warn(`queue ${queue.name}: ${error.message}`);
      });
    }
  }

  private firstPendingAction?: string;
  private flushTimer?: NodeJS.Timeout;
  /** An action whose wake-up Redis did not take: sent again until it does (one job wakes for all). */
  private owedAction?: string;
  private owedTimer?: NodeJS.Timeout;
  private owedAttempt = 0;
  private stopped = false;

  /**
   * For the API's hot path: wakes the worker a few milliseconds after the first action accepted,
   * with one job for every action accepted meanwhile. A job only says "there is work" (the worker
   * drains the inbox in Postgres, whatever id a job names), so one job serves them all: a job each
   * cost a Lua script and a stored hash in Redis per request. The caller does not wait: the action
   * is already in Postgres, and the sweeper re-enqueues anything a crash leaves behind.
   */
  notifyActionReceived(actionId: string): void {
    this.firstPendingAction ??= actionId;
    this.flushTimer ??= setTimeout(() => this.flushActions(), 5);
  }

  onModuleDestroy(): void {
    this.flushActions();
    this.stopped = true;
    clearTimeout(this.owedTimer);
  }

  private flushActions(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const first = this.firstPendingAction;
    this.firstPendingAction = undefined;
    // Named after the first action it wakes for: a fresh id, so no earlier job can swallow it.
    if (first) void this.wake(first, false);
  }

  /**
   * Sends one wake-up; if Redis does not take it, keeps it owed and tries again shortly, so actions
   * accepted during an outage are picked up within a second or two of Redis's return rather than
   * when the sweeper finds them stale. Any wake-up that gets through pays what is owed.
   */
  private async wake(actionId: string, retry: boolean): Promise<void> {
    if (await this.actionsReceived([actionId], jobId.actionReceived, !retry)) {
      if (retry)
        this.logger.log('Redis took the wake-up it had refused: the worker picks up the waiting actions');
      this.owedAction = undefined;
      this.owedAttempt = 0;
      return;
    }
    this.owedAction ??= actionId;
    if (this.owedTimer || this.stopped) return;
    const delayMs = Math.min(OWED_RETRY_MAX_MS, OWED_RETRY_FIRST_MS * 2 ** this.owedAttempt);
    this.owedAttempt += 1;
    this.owedTimer = setTimeout(() => {
      this.owedTimer = undefined;
      const owed = this.owedAction;
      this.owedAction = undefined;
      if (owed) void this.wake(owed, true);
    }, delayMs);
  }

  async actionsReceived(
    actionIds: string[],
    idFor: (actionId: string) => string = jobId.actionReceived,
    warn = true,
  ): Promise<boolean> {
    return this.addBulk(
      'action.received',
      actionIds.map((actionId) => ({ payload: { actionId }, id: idFor(actionId) })),
      warn,
    );
  }

  async webhookDeliveries(deliveryIds: string[], round = 0): Promise<boolean> {
    return this.addBulk(
      'webhook.deliver',
      deliveryIds.map((deliveryId) => ({
        payload: { deliveryId },
        id: jobId.webhookDelivery(deliveryId, round),
      })),
    );
  }

  private async addBulk<N extends JobName>(
    name: N,
    jobs: { payload: JobPayload<N>; id: string }[],
    warn = true,
  ): Promise<boolean> {
    if (!jobs.length) return true;
    const queue = this.queues[JOB_QUEUES[name]];
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        queue.addBulk(jobs.map((job) => ({ name, data: job.payload, opts: { jobId: job.id } }))),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`enqueue timed out after ${ENQUEUE_TIMEOUT_MS} ms`)),
            ENQUEUE_TIMEOUT_MS,
          );
        }),
      ]);
      return true;
    } catch (error) {
      // The retries of an owed wake-up stay quiet: the first failure said it, the queue's errors too.
      if (warn)
        this.logger.warn(
          `could not enqueue ${jobs.length} ${name} job(s); the sweeper will retry: ${(error as Error).message}`,
        );
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
