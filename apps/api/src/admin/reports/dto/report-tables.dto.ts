import { ApiProperty } from '@nestjs/swagger';

export class MethodologyNameDto {
  @ApiProperty({ example: 'cycling' }) id!: string;
  @ApiProperty({ example: '骑行' }) name!: string;
}

export class MatrixCellDto {
  @ApiProperty({ example: 'cycling' }) methodologyId!: string;
  @ApiProperty() actions!: number;
  @ApiProperty({ description: 'grams CO2e (integer string)' }) grams!: string;
}

export class MatrixRowDto {
  @ApiProperty({ example: '370102' }) districtCode!: string;
  @ApiProperty({ example: '历下区' }) districtName!: string;
  @ApiProperty({ type: [MatrixCellDto], description: 'only the methodologies with reductions here' })
  cells!: MatrixCellDto[];
  @ApiProperty({ description: 'the row total' }) actions!: number;
  @ApiProperty({ description: 'the row total, grams CO2e' }) grams!: string;
}

export class MatrixTotalsDto {
  @ApiProperty({ type: [MatrixCellDto], description: 'column totals, one per methodology' })
  cells!: MatrixCellDto[];
  @ApiProperty() actions!: number;
  @ApiProperty() grams!: string;
}

export class DistrictMethodologyReportDto {
  @ApiProperty({ example: '2026-11-01' }) from!: string;
  @ApiProperty({ example: '2026-11-30' }) to!: string;
  @ApiProperty({
    enum: ['occurred'],
    description: 'reductions count by the date the action occurred (China time)',
  })
  dateBasis!: 'occurred';
  @ApiProperty({ type: [MethodologyNameDto] }) methodologies!: MethodologyNameDto[];
  @ApiProperty({ type: [MatrixRowDto] }) rows!: MatrixRowDto[];
  @ApiProperty({ type: MatrixTotalsDto }) totals!: MatrixTotalsDto;
}

export class ClosedMonthChangeItemDto {
  @ApiProperty() methodologyId!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty() actions!: number;
  @ApiProperty() grams!: string;
}

export class ClosedMonthChangeDto {
  @ApiProperty({ example: '2026-10', description: 'the occurred month (China time) whose figures changed' })
  month!: string;
  @ApiProperty({ description: 'actions of that month settled after it ended' }) actions!: number;
  @ApiProperty({ description: 'grams CO2e they added to the month' }) grams!: string;
  @ApiProperty({ description: 'points they issued' }) points!: string;
  @ApiProperty({ format: 'date-time', description: 'the latest such settlement' }) lastSettledAt!: string;
  @ApiProperty({ type: [ClosedMonthChangeItemDto], description: 'by methodology and district' })
  changes!: ClosedMonthChangeItemDto[];
}
