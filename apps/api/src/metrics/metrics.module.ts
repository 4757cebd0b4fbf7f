import { PersistenceModule } from '@app/persistence';
import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

@Module({ imports: [PersistenceModule], controllers: [MetricsController], providers: [MetricsService] })
export class MetricsModule {}
