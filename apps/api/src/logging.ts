import type { AppConfig } from '@app/config';
import type { Params } from 'nestjs-pino';
import { pino, type DestinationStream, type Logger } from 'pino';

/** The process's one JSON logger; credentials and signatures never reach it. */
export function createRootLogger(
  config: AppConfig,
  service: string,
  destination?: DestinationStream,
): Logger {
  const options = {
    level: config.logLevel,
    base: { service },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-signature"]',
        'req.body.code',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * nestjs-pino over that logger. Its own request logging is off: it never saw the Nest routes under
 * Fastify, and one line per request is written by the request-log hook (request-log.ts) instead.
 */
export function loggerParams(logger: Logger): Params {
  return { pinoHttp: { logger, autoLogging: false, customProps: () => ({}) } };
}
