import 'reflect-metadata';
import type { AppConfig } from '@app/config';
import { runMigrationsUnderLock } from '@app/persistence';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PinoNestLogger } from '@app/logging';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { ApiModule } from './api.module.js';
import { addMethodologySchemas } from './common/methodology-schemas.js';
import { createValidationPipe } from './common/validation.js';
import { apiLogger } from './logging.js';
import { mountOperations } from './operations/operations.module.js';

const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * The OpenAPI document of every route. It reads only the controllers' metadata, so it can be built
 * from an application created in preview mode (no provider instantiated, no database): that is how
 * `npm run openapi` writes it for the clients generated from it.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return addMethodologySchemas(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('碳普惠 points platform')
        .setDescription('Citizen API (/v1). Errors are JSON `{ code, message, details }` with a stable code.')
        .setVersion('1')
        .addBearerAuth()
        .build(),
    ),
  );
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** A caller's X-Request-Id when it is a sane one (to follow a call across systems), else a new one. */
function requestId(request: { headers: IncomingHttpHeaders }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Builds the API application (migrated, documented, validated) without listening; tests use it too,
 * and may send the logs somewhere they can read them.
 */
export async function createApiApp(
  config: AppConfig,
  options: { logDestination?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const logger = apiLogger(config, options.logDestination);
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config),
    // X-Forwarded-For names the caller only when a configured proxy sent it; otherwise anyone could
    // pick the address their rate limit is counted against.
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      trustProxy: config.http.trustedProxies.length ? config.http.trustedProxies : false,
      genReqId: requestId,
    }),
    // Partner signatures cover the exact bytes sent, so the raw body is kept beside the parsed one.
    { bufferLogs: true, rawBody: true },
  );
  app.useLogger(new PinoNestLogger(logger));
  // The API speaks JSON only: anything else is a 415, not a string body that fails validation later.
  app.getHttpAdapter().getInstance().removeContentTypeParser('text/plain');
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  // Request metrics, the session cookie, the queue dashboard and the console: Fastify-level pieces.
  await mountOperations(app, logger);

  const applied = await runMigrationsUnderLock(app.get(DataSource));
  if (applied.length) logger.info(`applied migrations: ${applied.join(', ')}`);

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });

  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
