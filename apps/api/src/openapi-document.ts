import { loadConfig } from '@app/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ApiModule } from './api.module.js';
import { buildOpenApiDocument } from './bootstrap.js';

/**
 * The API's OpenAPI document without a database or Redis: the application is created in preview
 * mode, which builds the module graph but instantiates no provider. The console's and the
 * mini-program's clients are generated from it (`npm run openapi`).
 */
export async function previewOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(loadConfig({})),
    new FastifyAdapter(),
    { preview: true, logger: false },
  );
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
