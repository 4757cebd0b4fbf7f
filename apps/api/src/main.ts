import { loadConfigOrExit } from '@app/config';
import { assertRedisReachable } from '@app/queues';
import { createApiApp } from './bootstrap.js';

const config = loadConfigOrExit();
try {
  await assertRedisReachable(config.redis);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
const app = await createApiApp(config);
await app.listen({ port: config.http.port, host: config.http.host });
