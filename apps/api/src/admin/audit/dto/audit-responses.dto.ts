import { ApiProperty } from '@nestjs/swagger';
import {
  amount,
  capApplied,
  CapUsageDto,
  instant,
  nullableInstant,
  TraceStepDto,
} from '../../../common/response-types.js';

const freeForm = (description: string, nullable = false) =>
  ({ type: 'object', additionalProperties: true, nullable, description }) as const;

export class AuditReviewDto {
  @ApiProperty({ enum: ['approved', 'rejected'] }) decision!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'uuid', description: 'the admin who decided' }) by!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "the deciding admin's username, as the console shows it",
  })
  byName!: string | null;
  @ApiProperty(instant()) at!: string;
}

export class AuditActionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "null for an organisation's action" })
  citizenId!: string | null;
  @ApiProperty({ example: '370102' }) districtCode!: string;
  @ApiProperty({ example: 'cycling' }) methodology!: string;
  @ApiProperty({ example: 'self', description: 'self, or partner:<id>' }) source!: string;
  @ApiProperty({ enum: ['received', 'quantified', 'settled', 'rejected', 'review'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) reasonCode!: string | null;
  @ApiProperty(instant()) occurredAt!: string;
  @ApiProperty(instant()) receivedAt!: string;
  @ApiProperty(nullableInstant()) quantifiedAt!: string | null;
  @ApiProperty(nullableInstant()) settledAt!: string | null;
  @ApiProperty({ type: AuditReviewDto, nullable: true }) review!: AuditReviewDto | null;
}

export class AuditInputsDto {
  @ApiProperty(
    freeForm('the methodology input as submitted ({ scrubbed: true } after the citizen deleted the account)'),
  )
  data!: unknown;
  @ApiProperty(freeForm('kind, reference, sha256', true)) evidence!: unknown;
}

export class AuditVersionDto {
  @ApiProperty() methodologyId!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: 'integer' }) moduleVersion!: number;
  @ApiProperty({ enum: ['draft', 'published', 'retired'] }) status!: string;
  @ApiProperty(instant()) effectiveFrom!: string;
  @ApiProperty(nullableInstant()) effectiveTo!: string | null;
  @ApiProperty({ type: [String], nullable: true, description: 'district codes; null = everywhere' })
  regionScope!: string[] | null;
  @ApiProperty() source!: string;
  @ApiProperty(freeForm('the parameters as stored (factors by reference)')) params!: unknown;
  @ApiProperty(freeForm('the parameters with each factor reference resolved to its value and source'))
  resolvedParams!: unknown;
}

export class AuditPointsRuleDto {
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ example: '1.000000', description: 'decimal string' }) pointsPerGram!: string;
}

export class AuditResultDto {
  @ApiProperty({ ...amount('grams computed before caps'), nullable: true }) requestedGrams!: string | null;
  @ApiProperty({ ...amount('grams credited'), nullable: true }) grams!: string | null;
  @ApiProperty(capApplied()) capApplied!: string | null;
  @ApiProperty({
    type: CapUsageDto,
    nullable: true,
    description:
      'null unless a day or month cap cut the action; credited = min(requestedGrams, limitGrams − creditedGrams)',
  })
  capUsage!: CapUsageDto | null;
  @ApiProperty({ ...amount('points credited'), nullable: true }) points!: string | null;
  @ApiProperty({ type: AuditPointsRuleDto, nullable: true }) pointsRule!: AuditPointsRuleDto | null;
}

/** One ledger entry of a posting the action caused. */
export class AuditPostingDto {
  @ApiProperty({ description: 'the ledger entry id (string: 64-bit integer)' }) id!: string;
  @ApiProperty({ example: 'citizen_points', description: 'the account kind' }) kind!: string;
  @ApiProperty({ description: 'the account owner: a citizen id, a region, the program' }) owner!: string;
  @ApiProperty({ enum: ['CO2E_G', 'POINTS'] }) asset!: string;
  @ApiProperty(amount('signed amount')) amount!: string;
  @ApiProperty(amount('the account balance after the entry')) balanceAfter!: string;
  @ApiProperty(amount("the account's version after the entry", '1')) accountVersion!: string;
  @ApiProperty({ description: "the posting's idempotency key" }) idempotencyKey!: string;
}

/** Everything needed to redo an action's number by hand. */
export class ActionAuditDto {
  @ApiProperty({ type: AuditActionDto }) action!: AuditActionDto;
  @ApiProperty({ type: AuditInputsDto }) inputs!: AuditInputsDto;
  @ApiProperty({ type: AuditVersionDto, nullable: true }) methodologyVersion!: AuditVersionDto | null;
  @ApiProperty({ type: [TraceStepDto], nullable: true }) trace!: TraceStepDto[] | null;
  @ApiProperty({ type: AuditResultDto }) result!: AuditResultDto;
  @ApiProperty({ type: [AuditPostingDto] }) postings!: AuditPostingDto[];
}
