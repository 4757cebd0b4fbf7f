import 'reflect-metadata';
import type { AppConfig } from '@app/config';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { PinoNestLogger, createRootLogger } from '@app/logging';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { WorkerModule } from './worker.module.js';

/** The worker: queue processors and the sweeper, no HTTP server. */
export async function createWorker(
  config: AppConfig,
  logger: Logger = createRootLogger({ level: config.logLevel, service: 'worker' }),
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ ...config, role: 'worker' }),
    { bufferLogs: true },
  );
  app.useLogger(new PinoNestLogger(logger));
  // On SIGTERM/SIGINT: stop taking batches, let the one in flight commit or roll back, close, then
  // exit 0. Without useProcessExit Nest re-raises the signal, so a clean stop looks like a crash
  // (killed by SIGTERM, status 143) to whatever supervises the worker, and pino may not flush.
  app.enableShutdownHooks([], { useProcessExit: true });
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
