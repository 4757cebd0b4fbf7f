import { ErrorCode } from '@app/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRead } from '../auth/roles.decorator.js';
import { ApiErrors } from '../common/api-error.dto.js';
import { ParticipantsQueryDto, ParticipantsReportDto } from './dto/participants-report.dto.js';
import { ParticipantsReportService } from './participants-report.service.js';

@ApiTags('admin: reports')
@ApiBearerAuth()
@AdminRead()
@Controller('admin/v1/reports')
export class ParticipantsReportController {
  constructor(private readonly participants: ParticipantsReportService) {}

  @Get('participants')
  @ApiOperation({
    summary:
      'Settled reductions by who earned them: citizens, small businesses and public institutions, by district',
    description:
      'Days are Asia/Shanghai days of when the action occurred. An organisation’s actions count for the organisation, not for the member who submitted them.',
  })
  @ApiOkResponse({ type: ParticipantsReportDto })
  @ApiErrors(ErrorCode.ReportRangeInvalid)
  report(@Query() query: ParticipantsQueryDto): Promise<ParticipantsReportDto> {
    return this.participants.report(query);
  }
}
