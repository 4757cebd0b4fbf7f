import { PersistenceModule } from '@app/persistence';
import { QueuesModule } from '@app/queues';
import { Module } from '@nestjs/common';
import { ActionsController } from './actions.controller.js';
import { ActionsService } from './actions.service.js';

@Module({
  imports: [PersistenceModule, QueuesModule],
  controllers: [ActionsController],
  providers: [ActionsService],
})
export class ActionsModule {}
