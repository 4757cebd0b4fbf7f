import { LedgerModule } from '@app/ledger';
import {
  ActionIntakeRepository,
  BindingsRepository,
  PartnerDirectoryRepository,
  PartnerHoldsRepository,
  PartnerPushRepository,
  PersistenceModule,
  TripStatisticsRepository,
} from '@app/persistence';
import { QueuesModule } from '@app/queues';
import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../common/idempotency.module.js';
import { RateLimiter } from '../common/rate-limiter.js';
import { BindingsService } from './bindings.service.js';
import { CitizenBindingsController } from './citizen-bindings.controller.js';
import { HoldsController } from './holds.controller.js';
import { HoldsService } from './holds.service.js';
import { PartnerApiController } from './partner-api.controller.js';
import { PartnerSignatureGuard } from './partner-signature.guard.js';
import { PushService } from './push.service.js';
import { PushedBatchIntake } from './pushed-batch-intake.js';
import { TripStatisticsService } from './trip-statistics.service.js';

@Module({
  imports: [PersistenceModule, QueuesModule, LedgerModule, IdempotencyModule],
  controllers: [PartnerApiController, HoldsController, CitizenBindingsController],
  providers: [
    RateLimiter,
    PartnerSignatureGuard,
    BindingsService,
    PushService,
    PushedBatchIntake,
    TripStatisticsService,
    PartnerDirectoryRepository,
    BindingsRepository,
    TripStatisticsRepository,
    HoldsService,
    PartnerHoldsRepository,
    PartnerPushRepository,
    ActionIntakeRepository,
  ],
  exports: [
    RateLimiter,
    PartnerSignatureGuard,
    PushedBatchIntake,
    PartnerDirectoryRepository,
    PartnerPushRepository,
  ],
})
export class PartnersModule {}
