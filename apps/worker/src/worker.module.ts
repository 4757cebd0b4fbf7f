import { AppConfigModule, type AppConfig } from '@app/config';
import { LedgerModule } from '@app/ledger';
import {
  BadgesRepository,
  CarbonBalancesRepository,
  CitizenActivityRepository,
  LeaderboardScoresRepository,
  AccountBalancesRepository,
  ActionPipelineRepository,
  ActionSettlementRepository,
  HoldExpiryRepository,
  MonthPartitionsRepository,
  PersistenceModule,
  PointsLotExpiryRepository,
  ReconciliationRunsRepository,
  WebhookDeliveriesRepository,
} from '@app/persistence';
import { LeaderboardStore, QueuesModule } from '@app/queues';
import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { BadgeAwarder } from './engagement/badge-awarder.js';
import { EngagementUpdater } from './engagement/engagement-updater.js';
import { LeaderboardRebuildService } from './engagement/leaderboard-rebuild.service.js';
import { ExpiryService } from './expiry/expiry.service.js';
import { HoldExpiryService } from './expiry/hold-expiry.service.js';
import { PartitionMaintenanceService } from './partitions/partition-maintenance.service.js';
import { ActionPipeline } from './pipeline/action-pipeline.js';
import { ReconcileService } from './reconcile/reconcile.service.js';
import { RedisRecoveryService } from './recovery/redis-recovery.service.js';
import { QuantificationService } from './pipeline/quantification.service.js';
import { SettlementService } from './pipeline/settlement.service.js';
import { ActionsProcessor } from './processors/actions.processor.js';
import { assertEveryJobHandledOnce } from './processors/job-handlers.js';
import { ReportCompactorService } from './reports/report-compactor.service.js';
import { SweeperService } from './sweeper/sweeper.service.js';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service.js';
import { WebhooksProcessor } from './webhooks/webhooks.processor.js';

@Module({})
export class WorkerModule implements OnModuleInit {
  constructor(
    private readonly actions: ActionsProcessor,
    private readonly webhooks: WebhooksProcessor,
  ) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [AppConfigModule.forRoot(config), PersistenceModule, QueuesModule, LedgerModule],
      providers: [
        QuantificationService,
        SettlementService,
        ActionPipeline,
        ActionsProcessor,
        SweeperService,
        ExpiryService,
        ReconcileService,
        HoldExpiryService,
        WebhookDeliveryService,
        WebhooksProcessor,
        LeaderboardStore,
        BadgeAwarder,
        EngagementUpdater,
        LeaderboardRebuildService,
        RedisRecoveryService,
        ReportCompactorService,
        PartitionMaintenanceService,
        BadgesRepository,
        CarbonBalancesRepository,
        CitizenActivityRepository,
        LeaderboardScoresRepository,
        ActionPipelineRepository,
        ActionSettlementRepository,
        AccountBalancesRepository,
        PointsLotExpiryRepository,
        HoldExpiryRepository,
        MonthPartitionsRepository,
        ReconciliationRunsRepository,
        WebhookDeliveriesRepository,
      ],
      exports: [
        ActionPipeline,
        SweeperService,
        ExpiryService,
        ReconcileService,
        HoldExpiryService,
        ReportCompactorService,
        PartitionMaintenanceService,
      ],
    };
  }

  onModuleInit(): void {
    assertEveryJobHandledOnce([this.actions, this.webhooks]);
  }
}
