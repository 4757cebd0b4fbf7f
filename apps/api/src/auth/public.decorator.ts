import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'auth:public';
/** Marks a route that needs no token (login, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
