import { PersistenceModule } from '@app/persistence';
import { QueuesModule } from '@app/queues';
import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';

@Module({ imports: [PersistenceModule, QueuesModule], controllers: [HealthController] })
export class HealthModule {}
