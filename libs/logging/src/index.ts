export * from './pino-logger.js';
