import { ApiProperty } from '@nestjs/swagger';
import { ReportRangeDto } from '../../admin/reports/dto/report-query.dto.js';
import { amount } from '../../common/response-types.js';

export const PARTICIPANTS = ['citizen', 'small-business', 'public-institution'] as const;

/** from, to and format (json, or csv for Excel), as the other reports take them. */
export class ParticipantsQueryDto extends ReportRangeDto {}

export class ParticipantRowDto {
  @ApiProperty({ enum: PARTICIPANTS }) participant!: string;
  @ApiProperty({ example: '中小微企业' }) participantName!: string;
  @ApiProperty({ example: '370800', description: "six-digit district code, or 'all' in the totals" })
  districtCode!: string;
  @ApiProperty({ type: String, nullable: true, example: '济宁市' }) districtName!: string | null;
  @ApiProperty({ type: 'integer', description: 'distinct citizens or organisations with a settled action' })
  participants!: number;
  @ApiProperty({ type: 'integer' }) actions!: number;
  @ApiProperty(amount('grams CO2e settled')) grams!: string;
  @ApiProperty(amount('points issued')) points!: string;
}

export class ParticipantsReportDto {
  @ApiProperty({ example: '2026-11-01' }) from!: string;
  @ApiProperty({ example: '2026-11-30' }) to!: string;
  @ApiProperty({ type: [ParticipantRowDto], description: 'one per participant kind (districtCode all)' })
  totals!: ParticipantRowDto[];
  @ApiProperty({ type: [ParticipantRowDto], description: 'by participant kind and district' })
  rows!: ParticipantRowDto[];
}
