import { CitizenBalancesRepository, CitizenLedgerRepository, PersistenceModule } from '@app/persistence';
import { Module } from '@nestjs/common';
import { AccountController } from './account.controller.js';
import { AccountService } from './account.service.js';

@Module({
  imports: [PersistenceModule],
  controllers: [AccountController],
  providers: [AccountService, CitizenBalancesRepository, CitizenLedgerRepository],
})
export class AccountModule {}
