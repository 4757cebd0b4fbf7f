import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'auth:public';
/** How @Public() marks an operation for the document builder (openapi-conventions.ts). */
export const PUBLIC_EXTENSION = 'x-public';

/** Marks a route that needs no token (login, health, docs); the OpenAPI document says so (`security: []`). */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));
