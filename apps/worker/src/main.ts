import { loadConfigOrExit } from '@app/config';
import { createRootLogger, StartupTimeoutError, waitForDependencies } from '@app/logging';
import { describeDatabaseUrl, probePostgres, probeSchemaCurrent } from '@app/persistence';
import { describeRedisTarget, pingRedis, redisHelp } from '@app/queues';
import { createWorker } from './bootstrap.js';

const config = loadConfigOrExit();
const logger = createRootLogger({ level: config.logLevel, service: 'worker' });
try {
  // Started with PostgreSQL or Redis down (a restart of the whole system, a node that came up first):
  // wait for them, bounded, then build the application, which needs both from its first line.
  const boot = logger.child({
    postgres: describeDatabaseUrl(config.database.url),
    redis: describeRedisTarget(config.redis),
  });
  await waitForDependencies(
    [
      { name: 'PostgreSQL', probe: () => probePostgres(config.database.url) },
      { name: 'Redis', probe: () => pingRedis(config.redis), help: redisHelp(config.redis) },
    ],
    config.startup,
    boot,
  );
  // The API owns migrations: a worker started beside one that is still applying them waits for it.
  await waitForDependencies(
    [
      {
        name: 'the schema',
        probe: () => probeSchemaCurrent(config),
        help: 'run `npm run migration:run` or start the API first',
      },
    ],
    config.startup,
    boot,
  );
  await createWorker(config, logger);
} catch (error) {
  // The wait has logged why it gave up; anything else is said here, as one JSON line too.
  if (error instanceof StartupTimeoutError) process.exit(69); // EX_UNAVAILABLE
  logger.fatal({ err: error }, `the worker failed to start: ${(error as Error).message}`);
  process.exit(1);
}
