import { cstDayBounds, DISTRICTS } from '@app/domain';
import { OrganisationReportsRepository, type ParticipantRow } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { resolveRange } from '../admin/reports/dto/report-query.dto.js';
import type {
  ParticipantRowDto,
  ParticipantsQueryDto,
  ParticipantsReportDto,
} from './dto/participants-report.dto.js';

const PARTICIPANT_ZH: Record<string, string> = {
  citizen: '个人',
  'small-business': '中小微企业',
  'public-institution': '公共机构',
};

/** Reports gain organisations beside citizens: settled reductions by who earned them (issue 15). */
@Injectable()
export class ParticipantsReportService {
  constructor(private readonly reports: OrganisationReportsRepository) {}

  async report(manager: EntityManager, query: ParticipantsQueryDto): Promise<ParticipantsReportDto> {
    const range = resolveRange(query);
    const from = cstDayBounds(range.from).from;
    const to = cstDayBounds(range.to).to;
    const [totals, rows] = await Promise.all([
      this.reports.byParticipant(manager, from, to, false),
      this.reports.byParticipant(manager, from, to, true),
    ]);
    return { ...range, totals: totals.map(view), rows: rows.map(view) };
  }
}

const view = (r: ParticipantRow): ParticipantRowDto => ({
  participant: r.participant,
  participantName: PARTICIPANT_ZH[r.participant] ?? r.participant,
  districtCode: r.districtCode,
  districtName: DISTRICTS[r.districtCode] ?? null,
  participants: r.participants,
  actions: r.actions,
  grams: r.grams.toString(),
  points: r.points.toString(),
});
