import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCitizen, type CitizenPrincipal } from '../auth/citizen-principal.js';
import { AccountService } from './account.service.js';
import { AccountDto, LedgerPageDto, LedgerQueryDto } from './dto/account.dto.js';

@ApiTags('citizen account')
@ApiBearerAuth()
@Controller('v1/me')
export class AccountController {
  constructor(private readonly account: AccountService) {}

  @Get('account')
  @ApiOperation({ summary: 'My balances: grams CO2e credited and spendable points' })
  @ApiOkResponse({ type: AccountDto })
  balances(@CurrentCitizen() citizen: CitizenPrincipal): Promise<AccountDto> {
    return this.account.balances(citizen);
  }

  @Get('ledger')
  @ApiOperation({ summary: 'My ledger entries, newest first, each with the reason it happened' })
  @ApiOkResponse({ type: LedgerPageDto })
  ledger(
    @CurrentCitizen() citizen: CitizenPrincipal,
    @Query() query: LedgerQueryDto,
  ): Promise<LedgerPageDto> {
    return this.account.ledger(citizen, query.limit, query.cursor);
  }
}
