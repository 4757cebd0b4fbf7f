import type { AppConfig } from '@app/config';
import type { Params } from 'nestjs-pino';

/** Structured JSON logs; credentials and signatures never reach them. */
export function loggerParams(config: AppConfig, service: string): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      autoLogging: config.http.requestLogs,
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
      customProps: () => ({}),
    },
  };
}
