import {
  ActionIntakeRepository,
  CampaignsInForceRepository,
  MyActionsRepository,
  PersistenceModule,
  RecordedIntakeRepository,
} from '@app/persistence';
import { QueuesModule } from '@app/queues';
import { Module } from '@nestjs/common';
import { ActionIntakeBatcher } from './action-intake-batcher.js';
import { KeyedActionIntake } from './keyed-action-intake.js';
import { IdempotencyModule } from '../common/idempotency.module.js';
import { ActionsController } from './actions.controller.js';
import { ActionsService } from './actions.service.js';
import { CampaignsInForceController } from './campaigns-in-force.controller.js';
import { CampaignsInForceService } from './campaigns-in-force.service.js';
import { MyActionsService } from './my-actions.service.js';

@Module({
  imports: [PersistenceModule, QueuesModule, IdempotencyModule],
  controllers: [ActionsController, CampaignsInForceController],
  providers: [
    KeyedActionIntake,
    ActionIntakeBatcher,
    RecordedIntakeRepository,
    ActionsService,
    ActionIntakeRepository,
    MyActionsService,
    MyActionsRepository,
    CampaignsInForceService,
    CampaignsInForceRepository,
  ],
})
export class ActionsModule {}
