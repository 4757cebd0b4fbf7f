import {
  EmissionInventoriesRepository,
  OrganisationActionsRepository,
  OrganisationPartnersRepository,
  OrganisationReportsRepository,
  OrganisationsRepository,
  PersistenceModule,
} from '@app/persistence';
import { QueuesModule } from '@app/queues';
import { Module } from '@nestjs/common';
import { ActionIntakeModule } from '../actions/action-intake.module.js';
import { AdminModule } from '../admin/admin.module.js';
import { IdempotencyModule } from '../common/idempotency.module.js';
import { AdminNeutralityController } from './admin-neutrality.controller.js';
import { AdminOrganisationsController } from './admin-organisations.controller.js';
import { MemberNeutralityController } from './member-neutrality.controller.js';
import { InventoryCorrectionsService } from './inventory-corrections.service.js';
import { NeutralityService } from './neutrality.service.js';
import { OrganisationActionsController } from './organisation-actions.controller.js';
import { OrganisationActionsService } from './organisation-actions.service.js';
import { OrganisationPushController } from './organisation-push.controller.js';
import { OrganisationPushService } from './organisation-push.service.js';
import { OrganisationsService } from './organisations.service.js';
import { PartnersModule } from '../partners/partners.module.js';
import { ParticipantsReportController } from './participants-report.controller.js';
import { ParticipantsReportService } from './participants-report.service.js';

/** Issue 15: organisation accounts (the bureau's registry, members acting for them, partners pushing their data). */
@Module({
  imports: [
    PersistenceModule,
    QueuesModule,
    PartnersModule,
    AdminModule,
    IdempotencyModule,
    ActionIntakeModule,
  ],
  controllers: [
    AdminOrganisationsController,
    AdminNeutralityController,
    OrganisationActionsController,
    MemberNeutralityController,
    OrganisationPushController,
    ParticipantsReportController,
  ],
  providers: [
    OrganisationsService,
    OrganisationActionsService,
    OrganisationPushService,
    NeutralityService,
    InventoryCorrectionsService,
    EmissionInventoriesRepository,
    OrganisationsRepository,
    OrganisationActionsRepository,
    OrganisationPartnersRepository,
    ParticipantsReportService,
    OrganisationReportsRepository,
  ],
})
export class OrganisationsModule {}
