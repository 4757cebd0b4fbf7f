import { APP_CONFIG, type AppConfig } from '@app/config';
import { QueueName } from '@app/domain';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { bullConnection } from './bull-connections.js';
import { JobProducer } from './job-producer.js';
import { NonceStore } from './nonce-store.js';
import { RateCounter } from './rate-counter.js';
import { queueKeyPrefix } from './redis-connection.js';

/**
 * The API must not hang on a Redis outage (the row in Postgres is the truth, and the sweeper
 * re-enqueues), so its producers fail fast. Workers build their consumers from the same options and
 * must instead queue commands and reconnect: without an offline queue a BullMQ worker spins on
 * "Stream isn't writeable" after an outage and never recovers.
 */
function queueConnection(config: AppConfig) {
  return bullConnection(config.redis, {
    enableOfflineQueue: config.role === 'worker',
    maxRetriesPerRequest: null,
  });
}

@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        prefix: config.redis.queuePrefix,
        // Workers block on Redis, so requests must wait for a reconnect rather than fail.
        connection: bullConnection(config.redis, { maxRetriesPerRequest: null }),
      }),
    }),
    BullModule.registerQueueAsync({
      name: QueueName.Actions,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        prefix: queueKeyPrefix(config.redis, QueueName.Actions),
        // Producers must not hang while Redis is away: the row in Postgres is the truth and the
        // sweeper re-enqueues it later, so fail fast instead of queueing commands offline.
        connection: queueConnection(config),
        defaultJobOptions: {
          attempts: 8,
          backoff: { type: 'exponential', delay: 500 },
          removeOnComplete: true,
          removeOnFail: { count: 1_000 },
        },
      }),
    }),
    BullModule.registerQueueAsync({
      name: QueueName.Webhooks,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        prefix: queueKeyPrefix(config.redis, QueueName.Webhooks),
        connection: queueConnection(config),
        defaultJobOptions: {
          // Exponential backoff with jitter, so a recovering partner is not hit by every retry at once.
          attempts: config.webhooks.attempts,
          backoff: { type: 'exponential', delay: config.webhooks.backoffMs, jitter: 0.5 },
          removeOnComplete: true,
          removeOnFail: { count: 10_000 },
        },
      }),
    }),
  ],
  providers: [JobProducer, NonceStore, RateCounter],
  exports: [BullModule, JobProducer, NonceStore, RateCounter],
})
export class QueuesModule {}
