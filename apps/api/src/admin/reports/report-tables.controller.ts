import { methodologyNameZh } from '@app/contracts';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminRead } from '../../auth/roles.decorator.js';
import { ReadManager, ReplicaRead } from '../../common/replica-read.js';
import type { EntityManager } from 'typeorm';
import { sendCsv, type CsvColumn } from './csv.js';
import { ReportRangeDto, resolveRange } from './dto/report-query.dto.js';
import {
  ClosedMonthChangeDto,
  DistrictMethodologyReportDto,
  type MatrixRowDto,
} from './dto/report-tables.dto.js';
import { ReportTablesService } from './report-tables.service.js';
import { DATE_BASIS, span } from './report-labels.js';
import { tonnesOf } from './reports.service.js';

const chinaTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

@ApiTags('admin: reports')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@AdminRead()
@Controller('admin/v1/reports')
export class ReportTablesController {
  constructor(private readonly tables: ReportTablesService) {}

  @Get('district-methodology')
  @ReplicaRead()
  @ApiOperation({
    summary: 'Reductions by district × methodology with row, column and grand totals',
    description: DATE_BASIS,
  })
  @ApiOkResponse({ type: DistrictMethodologyReportDto })
  async districtMethodology(
    @Query() query: ReportRangeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @ReadManager() manager: EntityManager,
  ) {
    const range = resolveRange(query);
    const report = await this.tables.districtMethodology(manager, range);
    if (query.format !== 'csv') return report;
    const gramsIn = (row: Pick<MatrixRowDto, 'cells'>, id: string) =>
      row.cells.find((cell) => cell.methodologyId === id)?.grams ?? '0';
    const total = { districtCode: '', districtName: '合计', ...report.totals };
    const columns: CsvColumn<typeof total>[] = [
      { header: '区县代码', value: (r) => r.districtCode },
      { header: '区县', value: (r) => r.districtName },
      ...report.methodologies.map(({ id }) => ({
        header: `${methodologyNameZh(id)}（克CO2e）`,
        value: (r: typeof total) => gramsIn(r, id),
      })),
      { header: '合计行为数', value: (r) => r.actions },
      { header: '合计（克CO2e）', value: (r) => r.grams },
      { header: '合计（吨CO2e）', value: (r) => tonnesOf(r.grams) },
    ];
    return sendCsv(
      reply,
      { ascii: `district-methodology-${range.from}-${range.to}`, zh: `区县×方法学减排量_${span(range)}` },
      columns,
      [...report.rows, total],
    );
  }

  @Get('closed-month-changes')
  @ReplicaRead()
  @ApiOperation({
    summary: 'Months whose figures changed after they ended: actions settled after their occurred month',
    description:
      'An action counts here when it settled (e.g. a review approved it) after the end of the China-time ' +
      'month it occurred in; the range selects occurred dates. ' +
      DATE_BASIS,
  })
  @ApiOkResponse({ type: [ClosedMonthChangeDto] })
  async closedMonthChanges(
    @Query() query: ReportRangeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @ReadManager() manager: EntityManager,
  ) {
    const range = resolveRange(query);
    const months = await this.tables.closedMonthChanges(manager, range);
    if (query.format !== 'csv') return months;
    return sendCsv(
      reply,
      { ascii: `closed-month-changes-${range.from}-${range.to}`, zh: `已结月份变动_${span(range)}` },
      [
        { header: '月份', value: (m: ClosedMonthChangeDto) => m.month },
        { header: '补记行为数', value: (m) => m.actions },
        { header: '补记减排量（克CO2e）', value: (m) => m.grams },
        { header: '补记积分', value: (m) => m.points },
        { header: '最近补记时间（北京时间）', value: (m) => chinaTime(m.lastSettledAt) },
      ],
      months,
    );
  }
}
