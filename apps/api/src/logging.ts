import type { AppConfig } from '@app/config';
import { createRootLogger } from '@app/logging';
import type { DestinationStream, Logger } from 'pino';

/** The API's logger: JSON lines on stdout (or the destination a test reads). */
export function apiLogger(config: AppConfig, destination?: DestinationStream): Logger {
  return createRootLogger({ level: config.logLevel, service: 'api' }, destination);
}
