import { IdempotencyRepository, IdempotencyStore, PersistenceModule } from '@app/persistence';
import { Module } from '@nestjs/common';
import { IdempotentInterceptor } from './idempotent.interceptor.js';

/** The one idempotency store, for every feature whose writes take an Idempotency-Key. */
@Module({
  imports: [PersistenceModule],
  providers: [IdempotencyRepository, IdempotencyStore, IdempotentInterceptor],
  exports: [IdempotencyStore, IdempotentInterceptor],
})
export class IdempotencyModule {}
