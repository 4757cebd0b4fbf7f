import { APP_CONFIG, type AppConfig } from '@app/config';
import { bootstrapAdmin } from '@app/persistence';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** ADMIN_BOOTSTRAP_USERNAME/PASSWORD create the first admin, once, when there is none. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { bootstrapUsername, bootstrapPassword } = this.config.admin;
    if (!bootstrapUsername || !bootstrapPassword) return;
    const created = await bootstrapAdmin(this.dataSource, bootstrapUsername, bootstrapPassword);
    if (created) this.logger.log(`created the first admin, ${created.username}`);
  }
}
