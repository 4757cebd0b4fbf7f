import { LedgerModule } from '@app/ledger';
import {
  BindingsRepository,
  PartnerDirectoryRepository,
  PersistenceModule,
  TripStatisticsRepository,
} from '@app/persistence';
import { QueuesModule } from '@app/queues';
import { Module } from '@nestjs/common';
import { RateLimiter } from '../common/rate-limiter.js';
import { BindingsService } from './bindings.service.js';
import { CitizenBindingsController } from './citizen-bindings.controller.js';
import { HoldsController } from './holds.controller.js';
import { PartnerApiController } from './partner-api.controller.js';
import { PartnerIdempotency } from './partner-idempotency.js';
import { PartnerSignatureGuard } from './partner-signature.guard.js';
import { PushService } from './push.service.js';
import { TripStatisticsService } from './trip-statistics.service.js';

@Module({
  imports: [PersistenceModule, QueuesModule, LedgerModule],
  controllers: [PartnerApiController, HoldsController, CitizenBindingsController],
  providers: [
    RateLimiter,
    PartnerSignatureGuard,
    PartnerIdempotency,
    BindingsService,
    PushService,
    TripStatisticsService,
    PartnerDirectoryRepository,
    BindingsRepository,
    TripStatisticsRepository,
  ],
  exports: [RateLimiter, PartnerSignatureGuard, PartnerIdempotency, PartnerDirectoryRepository],
})
export class PartnersModule {}
