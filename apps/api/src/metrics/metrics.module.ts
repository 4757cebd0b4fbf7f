import { OperationsSnapshotRepository, PersistenceModule } from '@app/persistence';
import { QueuesModule } from '@app/queues';
import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

@Module({
  imports: [PersistenceModule, QueuesModule],
  controllers: [MetricsController],
  providers: [MetricsService, OperationsSnapshotRepository],
  exports: [MetricsService],
})
export class MetricsModule {}
