import { PersistenceModule, WerunReportsRepository } from '@app/persistence';
import { QueuesModule } from '@app/queues';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { WerunController } from './werun.controller.js';
import { WerunService } from './werun.service.js';

/** 微信运动 steps: POST /v1/me/werun, and the development sample. */
@Module({
  imports: [AuthModule, PersistenceModule, QueuesModule],
  controllers: [WerunController],
  providers: [WerunService, WerunReportsRepository],
})
export class WerunModule {}
