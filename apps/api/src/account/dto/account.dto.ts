import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageLimit } from '../../common/field-shapes.js';
import { IsOptional, Matches } from 'class-validator';

export class AccountDto {
  @ApiProperty() citizenId!: string;
  @ApiProperty({ example: '370102' }) districtCode!: string;
  @ApiProperty({ description: 'grams CO2e credited to date (string: 64-bit integer)', example: '169' })
  grams!: string;
  @ApiProperty({ description: 'spendable points (string: 64-bit integer)', example: '169' }) points!: string;
  @ApiProperty({
    description: 'points reserved by partner holds, not spendable until released',
    example: '0',
  })
  heldPoints!: string;
}

export class LedgerQueryDto {
  @PageLimit()
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @Matches(/^(0|[1-9]\d{0,17})$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

export class LedgerReasonDto {
  @ApiProperty({ example: 'ACTION_SETTLED' }) code!: string;
  @ApiProperty({ example: 'action' }) causeType!: string;
  @ApiProperty() causeId!: string;
  @ApiProperty({ example: 'cycling@1 trip settled: 169 g CO2e, 169 points' }) description!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}

export class LedgerEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['carbon', 'points'] }) account!: 'carbon' | 'points';
  @ApiProperty({ enum: ['CO2E_G', 'POINTS'] }) asset!: string;
  @ApiProperty({ description: 'signed amount (string)', example: '169' }) amount!: string;
  @ApiProperty({ example: '169' }) balanceAfter!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: LedgerReasonDto }) reason!: LedgerReasonDto;
}

export class LedgerPageDto {
  @ApiProperty({ type: [LedgerEntryDto], maxItems: 100 }) items!: LedgerEntryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'the cursor of the next page; null on the last' })
  nextCursor!: string | null;
}
