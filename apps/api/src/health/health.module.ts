import { DatabaseHealthRepository, PersistenceModule } from '@app/persistence';
import { QueuesModule } from '@app/queues';
import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';

@Module({
  imports: [PersistenceModule, QueuesModule],
  controllers: [HealthController],
  providers: [HealthService, DatabaseHealthRepository],
})
export class HealthModule {}
