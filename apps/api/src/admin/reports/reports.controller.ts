import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminRead } from '../../auth/roles.decorator.js';
import { sendCsv, type CsvColumn } from './csv.js';
import { DASHBOARD_COLUMNS, dashboardCsvRows } from './dashboard-csv.js';
import {
  ReductionsQueryDto,
  ReportFormatDto,
  ReportRangeDto,
  ReportSeriesDto,
  resolveRange,
} from './dto/report-query.dto.js';
import { DashboardService } from './dashboard.service.js';
import { DATE_BASIS, span } from './report-labels.js';
import {
  ReportsService,
  type CitizensRow,
  type PointsFlowRow,
  type ReductionRow,
} from './reports.service.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../../common/api-error.dto.js';
import { ReadManager, ReplicaRead } from '../../common/replica-read.js';
import type { EntityManager } from 'typeorm';
import {
  ApiJsonOrCsvResponse,
  CitizensReportDto,
  DashboardDto,
  IndicatorsReportDto,
  PointsReportDto,
  PoolsReportDto,
  ReductionsReportDto,
} from './dto/report-responses.dto.js';

const REDUCTION_COLUMNS: CsvColumn<ReductionRow>[] = [
  { header: '周期', value: (r) => r.period },
  { header: '分组', value: (r) => r.key },
  { header: '名称', value: (r) => r.label },
  { header: '行为数', value: (r) => r.actions },
  { header: '减排量（克CO2e）', value: (r) => r.grams },
  { header: '减排量（吨CO2e）', value: (r) => r.tonnes },
  { header: '发放积分', value: (r) => r.pointsIssued },
];
const POINTS_COLUMNS: CsvColumn<PointsFlowRow>[] = [
  { header: '周期', value: (r) => r.period },
  { header: '发放积分', value: (r) => r.issued },
  { header: '兑换积分', value: (r) => r.redeemed },
  { header: '过期积分', value: (r) => r.expired },
  { header: '捐赠积分', value: (r) => r.donated },
];
const CITIZEN_COLUMNS: CsvColumn<CitizensRow>[] = [
  { header: '周期', value: (r) => r.period },
  { header: '活跃市民', value: (r) => r.activeCitizens },
  { header: '行为数', value: (r) => r.actions },
];

const BREAKDOWN_ZH = {
  total: '合计',
  methodology: '按方法学',
  district: '按区县',
  source: '按来源',
} as const;
const GRANULARITY_ZH = { day: '按日', week: '按周', month: '按月' } as const;

/** /admin/v1/reports: the bureau's figures, as JSON or (format=csv) as a spreadsheet download. */
@ApiTags('admin: reports')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@AdminRead()
@Controller('admin/v1/reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly dashboard: DashboardService,
  ) {}

  @Get('dashboard')
  @ReplicaRead()
  @ApiJsonOrCsvResponse(DashboardDto)
  @ApiErrors(ErrorCode.ReportRangeInvalid)
  @ApiOperation({
    summary: 'Everything the console dashboard shows for a range, in one answer',
    description:
      DATE_BASIS +
      ' Closed-month changes are listed for the occurred months of the range. format=csv gives every figure ' +
      'as a row: 板块, 周期, 分组, 名称, 指标, 数值 (totals, reductions by day and methodology, by district, ' +
      'points flows, indicators, pools).',
  })
  async dashboardReport(
    @Query() query: ReportSeriesDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @ReadManager() manager: EntityManager,
  ) {
    const range = resolveRange(query);
    const dashboard = await this.dashboard.build(manager, range, query.granularity ?? 'day');
    if (query.format === 'csv') {
      return sendCsv(
        reply,
        { ascii: `dashboard-${range.from}-${range.to}`, zh: `总览_${span(range)}` },
        DASHBOARD_COLUMNS,
        dashboardCsvRows(dashboard),
      );
    }
    return dashboard;
  }

  @Get('reductions')
  @ReplicaRead()
  @ApiJsonOrCsvResponse(ReductionsReportDto)
  @ApiErrors(ErrorCode.ReportRangeInvalid)
  @ApiOperation({
    summary: 'Reductions (grams, tonnes), actions and points issued per period, by a breakdown',
  })
  async reductions(
    @Query() query: ReductionsQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @ReadManager() manager: EntityManager,
  ) {
    const range = resolveRange(query);
    const granularity = query.granularity ?? 'day';
    const by = query.by ?? 'total';
    const rows = await this.reports.reductions(manager, range, granularity, by);
    if (query.format === 'csv') {
      return sendCsv(
        reply,
        {
          ascii: `reductions-${by}-${granularity}-${range.from}-${range.to}`,
          zh: `减排量_${BREAKDOWN_ZH[by]}_${GRANULARITY_ZH[granularity]}_${span(range)}`,
        },
        REDUCTION_COLUMNS,
        rows,
      );
    }
    return { ...range, granularity, by, rows };
  }

  @Get('points')
  @ReplicaRead()
  @ApiJsonOrCsvResponse(PointsReportDto)
  @ApiErrors(ErrorCode.ReportRangeInvalid)
  @ApiOperation({ summary: 'Points issued, redeemed, expired and donated per period (net of refunds)' })
  async points(
    @Query() query: ReportSeriesDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @ReadManager() manager: EntityManager,
  ) {
    const range = resolveRange(query);
    const granularity = query.granularity ?? 'day';
    const rows = await this.reports.pointsFlows(manager, range, granularity);
    if (query.format === 'csv') {
      return sendCsv(
        reply,
        {
          ascii: `points-${granularity}-${range.from}-${range.to}`,
          zh: `积分流转_${GRANULARITY_ZH[granularity]}_${span(range)}`,
        },
        POINTS_COLUMNS,
        rows,
      );
    }
    return { ...range, granularity, rows };
  }

  @Get('citizens')
  @ReplicaRead()
  @ApiJsonOrCsvResponse(CitizensReportDto)
  @ApiErrors(ErrorCode.ReportRangeInvalid)
  @ApiOperation({ summary: 'Active citizens (with a settled action) and actions per period' })
  async citizens(
    @Query() query: ReportSeriesDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @ReadManager() manager: EntityManager,
  ) {
    const range = resolveRange(query);
    const granularity = query.granularity ?? 'day';
    const rows = await this.reports.citizens(manager, range, granularity);
    if (query.format === 'csv') {
      return sendCsv(
        reply,
        {
          ascii: `citizens-${granularity}-${range.from}-${range.to}`,
          zh: `活跃市民_${GRANULARITY_ZH[granularity]}_${span(range)}`,
        },
        CITIZEN_COLUMNS,
        rows,
      );
    }
    return { ...range, granularity, rows };
  }

  @Get('pools')
  @ReplicaRead()
  @ApiJsonOrCsvResponse(PoolsReportDto)
  @ApiOperation({ summary: 'Accrued, retired and available grams per region' })
  async pools(
    @Query() query: ReportFormatDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @ReadManager() manager: EntityManager,
  ) {
    const rows = await this.reports.pools(manager);
    if (query.format === 'csv') {
      return sendCsv(
        reply,
        { ascii: 'pools', zh: '减排量池' },
        [
          { header: '区域代码', value: (r) => r.region },
          { header: '区域', value: (r) => r.name },
          { header: '累计入池（克CO2e）', value: (r) => r.accruedGrams },
          { header: '已注销（克CO2e）', value: (r) => r.retiredGrams },
          { header: '可用（克CO2e）', value: (r) => r.availableGrams },
        ],
        rows,
      );
    }
    return { rows };
  }

  @Get('indicators')
  @ReplicaRead()
  @ApiJsonOrCsvResponse(IndicatorsReportDto)
  @ApiErrors(ErrorCode.ReportRangeInvalid)
  @ApiOperation({ summary: "Progress toward the plans' indicators: live 应用场景 and the green-trip share" })
  async indicators(
    @Query() query: ReportRangeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @ReadManager() manager: EntityManager,
  ) {
    const range = resolveRange(query);
    const indicators = await this.reports.indicators(manager, range);
    if (query.format === 'csv') {
      return sendCsv(
        reply,
        { ascii: `indicators-${range.from}-${range.to}`, zh: `指标_${span(range)}` },
        [
          { header: '指标', value: (r: { name: string; value: unknown }) => r.name },
          { header: '数值', value: (r) => r.value },
        ],
        [
          { name: '已上线应用场景数', value: indicators.liveScenarios },
          { name: '应用场景目标', value: indicators.liveScenarioTarget },
          { name: '已上线方法学', value: indicators.liveMethodologies.join(' ') },
          { name: '绿色出行次数', value: indicators.greenTrips },
          { name: '合作方报告出行次数', value: indicators.reportedTrips },
          { name: '绿色出行分担率', value: indicators.greenTripShare ?? '' },
        ],
      );
    }
    return { ...range, ...indicators };
  }
}
