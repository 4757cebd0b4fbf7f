import {
  ActionIntakeRepository,
  CampaignsInForceRepository,
  MyActionsRepository,
  PersistenceModule,
} from '@app/persistence';
import { Module } from '@nestjs/common';
import { ActionIntakeModule } from './action-intake.module.js';
import { ActionsController } from './actions.controller.js';
import { ActionsService } from './actions.service.js';
import { CampaignsInForceController } from './campaigns-in-force.controller.js';
import { CampaignsInForceService } from './campaigns-in-force.service.js';
import { MyActionsService } from './my-actions.service.js';

@Module({
  imports: [PersistenceModule, ActionIntakeModule],
  controllers: [ActionsController, CampaignsInForceController],
  providers: [
    ActionsService,
    ActionIntakeRepository,
    MyActionsService,
    MyActionsRepository,
    CampaignsInForceService,
    CampaignsInForceRepository,
  ],
})
export class ActionsModule {}
