import { loadConfigOrExit } from '@app/config';
import { StartupTimeoutError, waitForDependencies } from '@app/logging';
import { describeDatabaseUrl, probePostgres } from '@app/persistence';
import { describeRedisTarget, pingRedis, redisHelp } from '@app/queues';
import { createApiApp } from './bootstrap.js';
import { apiLogger } from './logging.js';

const config = loadConfigOrExit();
const logger = apiLogger(config);
try {
  // Started with PostgreSQL or Redis down: wait for them, bounded, as JSON lines. (Once running, the
  // API answers 202 with Redis away: the action is in PostgreSQL before the answer.)
  await waitForDependencies(
    [
      { name: 'PostgreSQL', probe: () => probePostgres(config.database.url) },
      { name: 'Redis', probe: () => pingRedis(config.redis), help: redisHelp(config.redis) },
    ],
    config.startup,
    logger.child({
      postgres: describeDatabaseUrl(config.database.url),
      redis: describeRedisTarget(config.redis),
    }),
  );
  const app = await createApiApp(config, { logger });
  await app.listen({ port: config.http.port, host: config.http.host });
} catch (error) {
  // The wait has logged why it gave up; anything else is said here, as one JSON line too.
  if (error instanceof StartupTimeoutError) process.exit(69); // EX_UNAVAILABLE
  logger.fatal({ err: error }, `the API failed to start: ${(error as Error).message}`);
  process.exit(1);
}
