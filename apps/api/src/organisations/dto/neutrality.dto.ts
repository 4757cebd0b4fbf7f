import { EMISSION_SCOPES } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { FreeText } from '../../common/field-shapes.js';
import { amount, instant } from '../../common/response-types.js';

const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;
export const MAX_INVENTORY_LINES = 200;

export class InventoryLineInputDto {
  @ApiProperty({ enum: EMISSION_SCOPES, description: '1 direct, 2 purchased energy, 3 other indirect' })
  @IsIn(EMISSION_SCOPES)
  scope!: 1 | 2 | 3;

  @ApiProperty({ example: '办公楼外购电力', maxLength: 200 }) @FreeText(1, 200) source!: string;

  @ApiProperty({ example: '120000', description: 'activity amount (decimal string, ≤ 6 decimals)' })
  @Matches(DECIMAL)
  activity!: string;

  @ApiProperty({ example: 'kWh' }) @FreeText(1, 32) activityUnit!: string;

  @ApiProperty({
    example: '677.6',
    description: 'emission factor used, grams CO2e per activity unit (decimal string)',
  })
  @Matches(DECIMAL)
  factor!: string;

  @ApiProperty({
    example: '生态环境部、国家统计局 2022年电力二氧化碳排放因子（华北区域 0.6776 kgCO2/kWh）',
    maxLength: 500,
  })
  @FreeText(1, 500)
  factorSource!: string;
}

/** An inventory's lines, as recorded and as corrected. */
class InventoryLinesDto {
  @ApiProperty({ type: [InventoryLineInputDto], maxItems: MAX_INVENTORY_LINES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INVENTORY_LINES)
  @ValidateNested({ each: true })
  @Type(() => InventoryLineInputDto)
  lines!: InventoryLineInputDto[];
}

export class RecordInventoryDto extends InventoryLinesDto {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100, example: 2025 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

/** A corrected year: its lines in full (they replace the previous revision's) and why. */
export class CorrectInventoryDto extends InventoryLinesDto {
  @ApiProperty({
    example: '补录食堂液化石油气用量',
    maxLength: 500,
    description: 'why the year is corrected',
  })
  @FreeText(1, 500)
  note!: string;
}

export class InventoryRevisionDto {
  @ApiProperty({ type: 'integer', minimum: 1 }) revision!: number;
  @ApiProperty(amount("the year's emissions in grams CO2e, as this revision says")) totalGrams!: string;
  @ApiProperty({ type: String, nullable: true, description: 'why it was corrected (null for revision 1)' })
  correctionNote!: string | null;
  @ApiProperty(instant()) recordedAt!: string;
}

export class InventoryLineDto extends InventoryLineInputDto {
  @ApiProperty({ type: 'integer' }) lineNo!: number;
  @ApiProperty(amount('grams CO2e: activity × factor, rounded up')) grams!: string;
}

class NeutralisationFigures {
  @ApiProperty(amount("the year's emissions in grams CO2e")) totalGrams!: string;
  @ApiProperty(amount('grams retired against it so far')) neutralisedGrams!: string;
  @ApiProperty(amount('grams still to neutralise')) remainingGrams!: string;
  @ApiProperty({ example: '33.33', description: 'percent neutralised, two decimals, rounded down' })
  neutralisedShare!: string;
}

export class InventoryDto extends NeutralisationFigures {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty(amount('scope 1 grams')) scope1Grams!: string;
  @ApiProperty(amount('scope 2 grams')) scope2Grams!: string;
  @ApiProperty(amount('scope 3 grams')) scope3Grams!: string;
  @ApiProperty({ type: [InventoryLineDto] }) lines!: InventoryLineDto[];
  @ApiProperty(instant()) recordedAt!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'the revision shown: the latest' })
  revision!: number;
  @ApiProperty({ type: String, nullable: true, description: 'why it was corrected (null for revision 1)' })
  correctionNote!: string | null;
  @ApiProperty({ type: [InventoryRevisionDto], description: 'every revision of the year, first to latest' })
  revisions!: InventoryRevisionDto[];
}

export class NeutraliseDto {
  @ApiProperty({
    description: 'grams CO2e to retire against the inventory (string: 64-bit integer)',
    example: '1000000',
  })
  @Matches(/^[1-9]\d{0,17}$/)
  grams!: string;

  @ApiPropertyOptional({
    description: "the pool to retire from; the institution's district when absent",
    example: '370800',
  })
  @IsOptional()
  @Matches(/^\d{6}$/)
  region?: string;
}

export class NeutralityRetirementDto extends NeutralisationFigures {
  @ApiProperty({ example: 'SD-370800-2026-000001' }) serial!: string;
  @ApiProperty({ example: '370800' }) region!: string;
  @ApiProperty(amount('grams retired by this retirement')) grams!: string;
  @ApiProperty(instant()) retiredAt!: string;
  @ApiProperty({ type: 'integer' }) year!: number;
}

export class NeutralityCertificateDto {
  @ApiProperty({ example: 'SD-370800-2026-000001' }) serial!: string;
  @ApiProperty({ description: '出具单位 (CERTIFICATE_ISSUER)' }) issuer!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ description: '统一社会信用代码' }) creditCode!: string;
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty(amount("the year's emissions in grams CO2e")) inventoryGrams!: string;
  @ApiProperty({ example: '370800' }) region!: string;
  @ApiProperty({ example: '济宁市' }) regionName!: string;
  @ApiProperty(amount('grams CO2e retired')) grams!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty(instant()) retiredAt!: string;
  @ApiProperty({ description: 'the certificate as a person reads it (Chinese)' }) textZh!: string;
}

export class StatementRetirementDto {
  @ApiProperty() serial!: string;
  @ApiProperty() region!: string;
  @ApiProperty(amount('grams retired')) grams!: string;
  @ApiProperty(instant()) retiredAt!: string;
}

/** 碳中和声明: a public institution's year, its emissions by scope and what offsets them. */
export class NeutralityStatementDto extends NeutralisationFigures {
  @ApiProperty({ description: '出具单位 (CERTIFICATE_ISSUER)' }) issuer!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ description: '统一社会信用代码' }) creditCode!: string;
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty(amount('scope 1 grams')) scope1Grams!: string;
  @ApiProperty(amount('scope 2 grams')) scope2Grams!: string;
  @ApiProperty(amount('scope 3 grams')) scope3Grams!: string;
  @ApiProperty({ enum: ['neutral', 'partial', 'none'], description: 'neutral when 100% is retired' })
  status!: string;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: 'the inventory revision it is based on: the latest',
  })
  inventoryRevision!: number;
  @ApiProperty({ ...instant(), description: 'when that revision was recorded' }) inventoryRecordedAt!: string;
  @ApiProperty({ type: [StatementRetirementDto] }) retirements!: StatementRetirementDto[];
  @ApiProperty({ example: '济宁市机关事务服务中心 2025 年度碳中和声明' }) titleZh!: string;
  @ApiProperty({ description: 'the statement as a person reads it (Chinese)' }) textZh!: string;
}
