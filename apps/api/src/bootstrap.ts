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
import type { DestinationStream, Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ApiModule } from './api.module.js';
import { ApiErrorDto } from './common/api-error.dto.js';
import { addMethodologySchemas } from './common/methodology-schemas.js';
import { addOpenApiConventions, BODY_LIMIT_BYTES } from './common/openapi-conventions.js';
import { createValidationPipe } from './common/validation.js';
import { apiLogger } from './logging.js';
import { mountOperations } from './operations/operations.module.js';

const API_DESCRIPTION = [
  'Three audiences, three prefixes (docs/api.md):',
  '',
  '- `/v1`: citizens (the mini-program), `Authorization: Bearer <token>` from `POST /v1/auth/wechat`;',
  '- `/admin/v1`: bureau officers (the console), a bearer token from `POST /admin/v1/auth/login`; reading needs the auditor or admin role, changing anything the admin role;',
  '- `/partner/v1`: partner apps, every request HMAC-signed (X-Key-Id, X-Timestamp, X-Nonce, X-Signature) and every write carrying an `Idempotency-Key`.',
  '',
  'Errors are JSON `{ code, message, details }` with a stable code; each answer lists the codes it can carry.',
  `Limits: request bodies at most ${BODY_LIMIT_BYTES / 1024} KB (413 PAYLOAD_TOO_LARGE); \`limit\` at most 100 per page, pages continue with \`cursor\` = the previous page's \`nextCursor\`; a partner batch at most 1,000 actions, and 1,000 trip statistics (400 VALIDATION_FAILED); per-minute request budgets per caller (429 RATE_LIMITED).`,
  'Amounts of grams and points are 64-bit integers and travel as decimal strings.',
].join('\n');

/**
 * The OpenAPI document of every route. It reads only the controllers' metadata, so it can be built
 * from an application created in preview mode (no provider instantiated, no database): that is how
 * `npm run openapi` writes it for the clients generated from it.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('碳普惠 points platform')
      .setDescription(API_DESCRIPTION)
      .setVersion('1')
      .addServer('/', 'this deployment')
      .addBearerAuth()
      .build(),
    { extraModels: [ApiErrorDto] },
  );
  return addOpenApiConventions(addMethodologySchemas(document));
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
  options: { logDestination?: DestinationStream; logger?: Logger } = {},
): Promise<NestFastifyApplication> {
  const logger = options.logger ?? apiLogger(config, options.logDestination);
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
