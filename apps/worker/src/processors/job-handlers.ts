import { JOB_QUEUES, type JobName, type JobPayload, type QueueName } from '@app/domain';

export type JobHandlers<Q extends QueueName> = {
  [N in JobName as (typeof JOB_QUEUES)[N] extends Q ? N : never]: (
    payload: JobPayload<N>,
  ) => Promise<unknown>;
};

export interface HandlesJobs {
  readonly queue: QueueName;
  readonly handlers: Record<string, unknown>;
}

/** Refuses to start a worker where a job name has no handler, or two, or sits on the wrong queue. */
export function assertEveryJobHandledOnce(processors: HandlesJobs[]): void {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const processor of processors) {
    for (const name of Object.keys(processor.handlers)) {
      seen.set(name, (seen.get(name) ?? 0) + 1);
      if (JOB_QUEUES[name as JobName] !== processor.queue)
        problems.push(`${name} is handled on queue ${processor.queue}`);
    }
  }
  for (const name of Object.keys(JOB_QUEUES)) {
    const count = seen.get(name) ?? 0;
    if (count !== 1) problems.push(`${name} has ${count} handlers`);
  }
  for (const name of seen.keys()) if (!(name in JOB_QUEUES)) problems.push(`${name} is not a known job`);
  if (problems.length) throw new Error(`job handlers are wrong: ${problems.join('; ')}`);
}
