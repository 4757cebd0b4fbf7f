import { PersistenceModule } from '@app/persistence';
import { QueuesModule } from '@app/queues';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AdminAuthController } from './auth/admin-auth.controller.js';
import { AdminBootstrap } from './auth/admin-bootstrap.js';
import { AuditController } from './audit/audit.controller.js';
import { MethodologiesController } from './methodologies/methodologies.controller.js';
import { MethodologyVersionsService } from './methodologies/methodology-versions.service.js';
import { ReviewsController } from './reviews/reviews.controller.js';
import { ReviewsService } from './reviews/reviews.service.js';

/** /admin/v1: the ecology bureau's administration. Reads for admins and auditors, changes for admins. */
@Module({
  imports: [AuthModule, PersistenceModule, QueuesModule],
  controllers: [AdminAuthController, MethodologiesController, ReviewsController, AuditController],
  providers: [MethodologyVersionsService, ReviewsService, AdminBootstrap],
})
export class AdminModule {}
