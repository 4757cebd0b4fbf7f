import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsOptional,
  Matches,
  ValidateNested,
} from 'class-validator';
import { instant } from '../../common/response-types.js';

export const MAX_ORGANISATION_BATCH = 1_000;

export class PushedOrganisationActionDto {
  @ApiProperty({
    description: "the partner's own id for the event; a second push of it is a duplicate",
    example: 'pv-meter-202506-000123',
  })
  @Matches(/^[A-Za-z0-9_.:-]{1,128}$/)
  eventId!: string;

  @ApiProperty({ description: "the organisation's 统一社会信用代码", example: '91370100MA3C5N6R26' })
  @Matches(/^[0-9A-Z]{18}$/)
  creditCode!: string;

  @ApiProperty({ example: 'rooftop-pv' }) @Matches(/^[a-z][a-z0-9-]{0,63}$/) methodology!: string;

  @ApiProperty({ type: Object, description: "the methodology's input (ActionData_<methodology>)" })
  @IsObject()
  data!: Record<string, unknown>;

  @ApiPropertyOptional({ type: Object }) @IsOptional() @IsObject() evidence?: Record<string, unknown>;
}

export class PushOrganisationBatchDto {
  @ApiProperty({ type: [PushedOrganisationActionDto], maxItems: MAX_ORGANISATION_BATCH })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORGANISATION_BATCH)
  @ValidateNested({ each: true })
  @Type(() => PushedOrganisationActionDto)
  actions!: PushedOrganisationActionDto[];
}

export class GrantPartnerDto {
  @ApiProperty({
    example: 'state-grid-jinan',
    description: 'the partner that may push this organisation’s data',
  })
  @Matches(/^[a-z][a-z0-9-]{1,63}$/)
  partnerId!: string;
}

export class OrganisationPartnerDto {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() partnerId!: string;
  @ApiProperty(instant()) grantedAt!: string;
}
