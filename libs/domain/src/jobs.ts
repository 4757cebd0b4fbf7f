/**
 * The one contract between job producers (API, sweeper) and consumers (worker). Jobs are wake-up
 * signals naming work that PostgreSQL holds; running one twice is harmless.
 */
export const QueueName = {
  Actions: 'actions',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export interface JobContracts {
  'action.received': { queue: typeof QueueName.Actions; payload: { actionId: string } };
}

export type JobName = keyof JobContracts;
export type JobPayload<N extends JobName> = JobContracts[N]['payload'];

export const JOB_QUEUES: { readonly [N in JobName]: JobContracts[N]['queue'] } = {
  'action.received': QueueName.Actions,
};

/** Deterministic ids make a second enqueue of the same work a no-op while the first is pending. */
export const jobId = {
  actionReceived: (actionId: string) => `action-${actionId}`,
  /** A sweeper's re-drive must not collide with a retained (failed) job of the same action. */
  actionResweep: (actionId: string, round: number) => `action-${actionId}-sweep-${round}`,
};
