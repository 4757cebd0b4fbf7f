import { ErrorCode } from '@app/domain';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { sendCsv, type CsvColumn } from '../admin/reports/csv.js';
import { ApiJsonOrCsvResponse } from '../admin/reports/dto/report-responses.dto.js';
import { span } from '../admin/reports/report-labels.js';
import { AdminRead } from '../auth/roles.decorator.js';
import { ApiErrors } from '../common/api-error.dto.js';
import { ReadManager, ReplicaRead } from '../common/replica-read.js';
import type { EntityManager } from 'typeorm';
import {
  ParticipantsQueryDto,
  ParticipantsReportDto,
  type ParticipantRowDto,
} from './dto/participants-report.dto.js';
import { ParticipantsReportService } from './participants-report.service.js';

/** The CSV holds the JSON's totals (分组 合计) then its rows by district (分组 按区县). */
type ParticipantCsvRow = ParticipantRowDto & { group: string };
const PARTICIPANT_COLUMNS: CsvColumn<ParticipantCsvRow>[] = [
  { header: '分组', value: (r) => r.group },
  { header: '参与者类型', value: (r) => r.participantName },
  { header: '类型代码', value: (r) => r.participant },
  { header: '区县代码', value: (r) => r.districtCode },
  { header: '区县', value: (r) => r.districtName },
  { header: '参与者数', value: (r) => r.participants },
  { header: '行为数', value: (r) => r.actions },
  { header: '减排量（克CO2e）', value: (r) => r.grams },
  { header: '发放积分', value: (r) => r.points },
];

@ApiTags('admin: reports')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@AdminRead()
@Controller('admin/v1/reports')
export class ParticipantsReportController {
  constructor(private readonly participants: ParticipantsReportService) {}

  @Get('participants')
  @ReplicaRead()
  @ApiOperation({
    summary:
      'Settled reductions by who earned them: citizens, small businesses and public institutions, by district',
    description:
      'Days are Asia/Shanghai days of when the action occurred. An organisation’s actions count for the ' +
      'organisation, not for the member who submitted them. format=csv gives the totals (分组 合计) then the ' +
      'rows (分组 按区县): 分组, 参与者类型, 类型代码, 区县代码, 区县, 参与者数, 行为数, 减排量（克CO2e）, 发放积分.',
  })
  @ApiJsonOrCsvResponse(ParticipantsReportDto)
  @ApiErrors(ErrorCode.ReportRangeInvalid)
  async report(
    @Query() query: ParticipantsQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @ReadManager() manager: EntityManager,
  ): Promise<ParticipantsReportDto | string> {
    const report = await this.participants.report(manager, query);
    if (query.format !== 'csv') return report;
    return sendCsv(
      reply,
      { ascii: `participants-${report.from}-${report.to}`, zh: `参与主体_${span(report)}` },
      PARTICIPANT_COLUMNS,
      [
        ...report.totals.map((r) => ({ ...r, group: '合计' })),
        ...report.rows.map((r) => ({ ...r, group: '按区县' })),
      ],
    );
  }
}
