export * from './pino-logger.js';
export * from './memory-logger.js';
export * from './startup-wait.js';
