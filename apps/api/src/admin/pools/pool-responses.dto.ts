import { ApiProperty } from '@nestjs/swagger';
import { amount, instant } from '../../common/response-types.js';

export class PoolDto {
  @ApiProperty({ example: '370102', description: 'district code' }) region!: string;
  @ApiProperty({ type: String, nullable: true, example: '历下区' }) name!: string | null;
  @ApiProperty(amount('grams settled into the pool to date')) accruedGrams!: string;
  @ApiProperty(amount('grams retired from it')) retiredGrams!: string;
  @ApiProperty(amount('grams that can still be retired')) availableGrams!: string;
}

export class RetirementDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'SD-370102-2026-000001' }) serial!: string;
  @ApiProperty({ example: '370102' }) region!: string;
  @ApiProperty(amount('grams retired', '1000000')) grams!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ type: String, nullable: true }) beneficiary!: string | null;
  @ApiProperty({ format: 'uuid', description: 'the admin who retired them' }) createdBy!: string;
  @ApiProperty(instant()) createdAt!: string;
  @ApiProperty({ description: 'the ledger posting (string: 64-bit integer)' }) postingId!: string;
}

export class ViolationDto {
  @ApiProperty({ example: 'posting-balances' }) check!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    maxItems: 10,
    description: 'up to ten offending rows, for a human to start from',
  })
  samples!: Record<string, unknown>[];
}

export class ReconciliationReportDto {
  @ApiProperty({ description: 'true when no invariant is broken' }) ok!: boolean;
  @ApiProperty(instant()) checkedAt!: string;
  @ApiProperty({ type: 'integer' }) durationMs!: number;
  @ApiProperty({ type: [String], description: 'the invariants checked' }) checks!: string[];
  @ApiProperty({ type: [ViolationDto] }) violations!: ViolationDto[];
}
