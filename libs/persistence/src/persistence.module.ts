import { APP_CONFIG, type AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MethodologyCatalog } from './catalog/methodology-catalog.js';
import { dataSourceOptions } from './data-source.js';
import { ReadReplica } from './replica/read-replica.js';
import { ReplicaLagRepository } from './replica/replica-lag.repository.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config),
        // A backstop only: the entry points (apps/*/src/main.ts) wait for PostgreSQL before they
        // build the application, bounded by STARTUP_MAX_WAIT_MS and logged as JSON lines.
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [MethodologyCatalog, ReplicaLagRepository, ReadReplica],
  exports: [TypeOrmModule, MethodologyCatalog, ReadReplica],
})
export class PersistenceModule {}
