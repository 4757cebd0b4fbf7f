import { LedgerModule } from '@app/ledger';
import { DonationLedgerRepository, PersistenceModule } from '@app/persistence';
import { IdempotencyModule } from '../common/idempotency.module.js';
import { Module } from '@nestjs/common';
import { DonationsController } from './donations.controller.js';
import { DonationsService } from './donations.service.js';

@Module({
  imports: [PersistenceModule, LedgerModule, IdempotencyModule],
  controllers: [DonationsController],
  providers: [DonationsService, DonationLedgerRepository],
})
export class DonationsModule {}
