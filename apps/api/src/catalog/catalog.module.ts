import { LedgerModule } from '@app/ledger';
import {
  OrderAdminRepository,
  PersistenceModule,
  RedemptionsRepository,
  RewardAdminRepository,
  WebhookDeliveryAdminRepository,
} from '@app/persistence';
import { QueuesModule } from '@app/queues';
import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../common/idempotency.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { AdminCatalogController } from './admin-catalog.controller.js';
import { CitizenCatalogController } from './citizen-catalog.controller.js';
import { PartnerOrdersController } from './partner-orders.controller.js';
import { RedemptionsService } from './redemptions.service.js';
import { RewardsService } from './rewards.service.js';
import { WebhookDeliveriesService } from './webhook-deliveries.service.js';

@Module({
  imports: [PersistenceModule, QueuesModule, LedgerModule, PartnersModule, IdempotencyModule],
  controllers: [CitizenCatalogController, AdminCatalogController, PartnerOrdersController],
  providers: [
    RedemptionsService,
    RedemptionsRepository,
    RewardsService,
    WebhookDeliveriesService,
    RewardAdminRepository,
    OrderAdminRepository,
    WebhookDeliveryAdminRepository,
  ],
})
export class CatalogModule {}
