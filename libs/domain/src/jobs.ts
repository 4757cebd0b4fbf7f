/**
 * The one contract between job producers (API, sweeper) and consumers (worker). Jobs are wake-up
 * signals naming work that PostgreSQL holds; running one twice is harmless.
 */
export const QueueName = {
  Actions: 'actions',
  Webhooks: 'webhooks',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export interface JobContracts {
  'action.received': { queue: typeof QueueName.Actions; payload: { actionId: string } };
  'webhook.deliver': { queue: typeof QueueName.Webhooks; payload: { deliveryId: string } };
}

export type JobName = keyof JobContracts;
export type JobPayload<N extends JobName> = JobContracts[N]['payload'];

export const JOB_QUEUES: { readonly [N in JobName]: JobContracts[N]['queue'] } = {
  'action.received': QueueName.Actions,
  'webhook.deliver': QueueName.Webhooks,
};

/** Deterministic ids make a second enqueue of the same work a no-op while the first is pending. */
export const jobId = {
  actionReceived: (actionId: string) => `action-${actionId}`,
  /** A sweeper's re-drive must not collide with a retained (failed) job of the same action. */
  actionResweep: (actionId: string, round: number) => `action-${actionId}-sweep-${round}`,
  /**
   * An approval wakes the worker again while the job that sent the action to review may still be
   * active (its drain loop runs on); reusing that job's id would make the wake-up a silent no-op.
   */
  actionApproved: (actionId: string) => `action-${actionId}-approved`,
  /** A re-drive is a new job for the same delivery (same event id), so the attempt count starts over. */
  webhookDelivery: (deliveryId: string, round = 0) => `webhook-${deliveryId}-${round}`,
};
