import 'reflect-metadata';
import type { AppConfig } from '@app/config';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { WorkerModule } from './worker.module.js';

/** The worker: queue processors and the sweeper, no HTTP server. */
export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  // The API owns migrations; a worker on an older schema would write rows the code no longer expects.
  if (await app.get(DataSource).showMigrations()) {
    await app.close();
    throw new Error(
      'the database has pending migrations: run `npm run migration:run` or start the API first',
    );
  }
  await app.init();
  return app;
}
