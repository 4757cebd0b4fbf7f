import { UuidParam } from '../../common/path-params.js';
import { ErrorCode } from '@app/domain';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRead } from '../../auth/roles.decorator.js';
import { ActionAuditDto } from './dto/audit-responses.dto.js';
import { ApiErrors } from '../../common/api-error.dto.js';
import { AuditService } from './audit.service.js';
import { ReadManager, ReplicaRead } from '../../common/replica-read.js';
import type { EntityManager } from 'typeorm';

@ApiTags('admin: audit')
@ApiBearerAuth()
@AdminRead()
@Controller('admin/v1/actions')
export class AuditController {
  constructor(private readonly audits: AuditService) {}

  /** Everything needed to redo an action's number by hand. */
  @Get(':id/audit')
  @ReplicaRead()
  @ApiOkResponse({ type: ActionAuditDto })
  @ApiErrors(ErrorCode.ActionNotFound, ErrorCode.LedgerMonthArchived)
  @ApiOperation({
    summary: "An action's inputs, methodology version, exact parameters, trace, result and postings",
  })
  audit(@UuidParam('id') id: string, @ReadManager() manager: EntityManager): Promise<ActionAuditDto> {
    return this.audits.audit(manager, id);
  }
}
