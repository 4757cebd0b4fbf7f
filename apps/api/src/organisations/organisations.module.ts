import { PersistenceModule, OrganisationActionsRepository, OrganisationsRepository } from '@app/persistence';
import { QueuesModule } from '@app/queues';
import { Module } from '@nestjs/common';
import { AdminOrganisationsController } from './admin-organisations.controller.js';
import { OrganisationActionsController } from './organisation-actions.controller.js';
import { OrganisationActionsService } from './organisation-actions.service.js';
import { OrganisationsService } from './organisations.service.js';

/** Issue 15: organisation accounts (admin registry, members acting for them). */
@Module({
  imports: [PersistenceModule, QueuesModule],
  controllers: [AdminOrganisationsController, OrganisationActionsController],
  providers: [
    OrganisationsService,
    OrganisationActionsService,
    OrganisationsRepository,
    OrganisationActionsRepository,
  ],
})
export class OrganisationsModule {}
