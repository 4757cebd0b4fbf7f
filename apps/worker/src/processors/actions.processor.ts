import { APP_CONFIG, type AppConfig } from '@app/config';
import { QueueName } from '@app/domain';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnModuleInit } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { ActionPipeline } from '../pipeline/action-pipeline.js';
import type { HandlesJobs, JobHandlers } from './job-handlers.js';

/** Thin: a job only says "there is work"; the pipeline finds it in Postgres. */
@Processor(QueueName.Actions)
export class ActionsProcessor extends WorkerHost implements HandlesJobs, OnModuleInit {
  readonly queue = QueueName.Actions;
  readonly handlers: JobHandlers<typeof QueueName.Actions> = {
    'action.received': () => this.pipeline.drain(),
  };

  constructor(
    private readonly pipeline: ActionPipeline,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.worker.concurrency;
  }

  async process(job: Job): Promise<unknown> {
    const handler = (this.handlers as Record<string, (payload: unknown) => Promise<unknown>>)[job.name];
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    return handler(job.data);
  }
}
