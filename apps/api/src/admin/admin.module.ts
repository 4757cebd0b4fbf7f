import { LedgerModule } from '@app/ledger';
import {
  ActionAuditRepository,
  ActionSearchRepository,
  CampaignRegistryRepository,
  MethodologyVersionsRepository,
  PartnerRegistryRepository,
  PersistenceModule,
  ReportFiguresRepository,
  ReviewQueueRepository,
} from '@app/persistence';
import { QueuesModule } from '@app/queues';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AdminAuthController } from './auth/admin-auth.controller.js';
import { AdminAuthService } from './auth/admin-auth.service.js';
import { AdminBootstrap } from './auth/admin-bootstrap.js';
import { ActionSearchController } from './actions/action-search.controller.js';
import { ActionSearchService } from './actions/action-search.service.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditService } from './audit/audit.service.js';
import { CampaignsController } from './campaigns/campaigns.controller.js';
import { CampaignsService } from './campaigns/campaigns.service.js';
import { MethodologiesController } from './methodologies/methodologies.controller.js';
import { PartnerRegistryService } from './partners/partner-registry.service.js';
import { PartnersController } from './partners/partners.controller.js';
import { CertificatesController } from './pools/certificates.controller.js';
import { PoolsController } from './pools/pools.controller.js';
import { RetirementsService } from './pools/retirements.service.js';
import { RetirementsRepository } from '@app/persistence';
import { IdempotencyModule } from '../common/idempotency.module.js';
import { MethodologyVersionsService } from './methodologies/methodology-versions.service.js';
import { DashboardService } from './reports/dashboard.service.js';
import { ReportTablesController } from './reports/report-tables.controller.js';
import { ReportTablesService } from './reports/report-tables.service.js';
import { ReportsController } from './reports/reports.controller.js';
import { ReportsService } from './reports/reports.service.js';
import { RateLimiter } from '../common/rate-limiter.js';
import { ReviewQueueController } from './reviews/review-queue.controller.js';
import { ReviewQueueService } from './reviews/review-queue.service.js';
import { ReviewsController } from './reviews/reviews.controller.js';
import { ReviewsService } from './reviews/reviews.service.js';

/** /admin/v1: the ecology bureau's administration. Reads for admins and auditors, changes for admins. */
@Module({
  imports: [AuthModule, PersistenceModule, QueuesModule, LedgerModule, IdempotencyModule],
  controllers: [
    AdminAuthController,
    MethodologiesController,
    ReviewQueueController,
    ReviewsController,
    ActionSearchController,
    AuditController,
    PoolsController,
    CertificatesController,
    CampaignsController,
    PartnersController,
    ReportsController,
    ReportTablesController,
  ],
  providers: [
    RateLimiter,
    AdminAuthService,
    MethodologyVersionsService,
    ReviewsService,
    ReviewQueueService,
    ActionSearchService,
    AuditService,
    AdminBootstrap,
    RetirementsService,
    RetirementsRepository,
    CampaignsService,
    PartnerRegistryService,
    ReportsService,
    DashboardService,
    ReportTablesService,
    ActionAuditRepository,
    ActionSearchRepository,
    CampaignRegistryRepository,
    MethodologyVersionsRepository,
    PartnerRegistryRepository,
    ReportFiguresRepository,
    ReviewQueueRepository,
  ],
  // Organisations' carbon neutrality (issue 15) retires through the pool's own service.
  exports: [RetirementsService],
})
export class AdminModule {}
