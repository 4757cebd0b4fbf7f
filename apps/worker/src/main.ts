import { loadConfigOrExit } from '@app/config';
import { assertRedisReachable } from '@app/queues';
import { createWorker } from './bootstrap.js';

const config = loadConfigOrExit();
try {
  await assertRedisReachable(config.redis);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
await createWorker(config);
