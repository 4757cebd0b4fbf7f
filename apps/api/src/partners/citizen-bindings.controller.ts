import { UuidParam } from '../common/path-params.js';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCitizen, type CitizenPrincipal } from '../auth/citizen-principal.js';
import { BindingsService } from './bindings.service.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../common/api-error.dto.js';
import { BindingCodeDto, BindingDto, BindingRevokedDto } from './dto/binding-responses.dto.js';
import { CreateBindingDto } from './dto/create-binding.dto.js';
import { ApiOkList } from '../common/response-types.js';

@ApiTags('citizen bindings')
@ApiBearerAuth()
@Controller('v1/me/bindings')
export class CitizenBindingsController {
  constructor(private readonly bindings: BindingsService) {}

  @Post()
  @ApiCreatedResponse({ type: BindingCodeDto })
  @ApiErrors(ErrorCode.PartnerNotFound)
  @ApiOperation({
    summary: 'Authorise a partner: returns a one-time code (valid 10 minutes) to give to the partner app',
  })
  create(@CurrentCitizen() citizen: CitizenPrincipal, @Body() body: CreateBindingDto) {
    return this.bindings.create(citizen, body.partnerId);
  }

  @Get()
  @ApiOkList(BindingDto, 100, 'newest first')
  @ApiOperation({ summary: 'My partner bindings' })
  list(@CurrentCitizen() citizen: CitizenPrincipal) {
    return this.bindings.list(citizen);
  }

  @Post(':id/revoke')
  @ApiOkResponse({ type: BindingRevokedDto })
  @ApiErrors(ErrorCode.BindingNotFound)
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a binding: the partner can no longer push for me or spend my points' })
  revoke(@CurrentCitizen() citizen: CitizenPrincipal, @UuidParam('id') id: string) {
    return this.bindings.revoke(citizen, id);
  }
}
