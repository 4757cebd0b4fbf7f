export * from './job-producer.js';
export * from './queues.module.js';
export * from './redis-connection.js';
export * from './nonce-store.js';
export * from './rate-counter.js';
export * from './leaderboards.js';
export { bullConnection } from './bull-connections.js';
