import { LedgerModule } from '@app/ledger';
import { PersistenceModule } from '@app/persistence';
import { Module } from '@nestjs/common';
import { DonationsController } from './donations.controller.js';
import { DonationsService } from './donations.service.js';

@Module({
  imports: [PersistenceModule, LedgerModule],
  controllers: [DonationsController],
  providers: [DonationsService],
})
export class DonationsModule {}
