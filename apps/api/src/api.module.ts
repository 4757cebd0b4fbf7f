import { AppConfigModule, type AppConfig } from '@app/config';
import { QueuesModule } from '@app/queues';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AccountModule } from './account/account.module.js';
import { ActionsModule } from './actions/actions.module.js';
import { AdminModule } from './admin/admin.module.js';
import { AuthModule } from './auth/auth.module.js';
import { JwtAuthGuard } from './auth/jwt-auth.guard.js';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import { RateLimitGuard } from './common/rate-limit.guard.js';
import { RateLimiter } from './common/rate-limiter.js';
import { HealthModule } from './health/health.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { DonationsModule } from './donations/donations.module.js';
import { EngagementModule } from './engagement/engagement.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { OperationsModule } from './operations/operations.module.js';
import { PartnersModule } from './partners/partners.module.js';
import { WerunModule } from './werun/werun.module.js';
import { OrganisationsModule } from './organisations/organisations.module.js';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        AppConfigModule.forRoot(config),
        AuthModule,
        QueuesModule,
        ActionsModule,
        AccountModule,
        HealthModule,
        AdminModule,
        MetricsModule,
        PartnersModule,
        DonationsModule,
        CatalogModule,
        EngagementModule,
        WerunModule,
        OperationsModule,
        OrganisationsModule,
      ],
      providers: [
        RateLimiter,
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        // In this order: who is calling is known before the rate limits count the call.
        { provide: APP_GUARD, useExisting: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
    };
  }
}
