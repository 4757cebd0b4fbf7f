import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';

export const MAX_BATCH = 1_000;

export class PushedActionDto {
  @ApiProperty({
    description: "the partner's own id for the event; a second push of it is a duplicate",
    example: 'ride-20261120-000123',
  })
  @Matches(/^[A-Za-z0-9_.:-]{1,128}$/)
  eventId!: string;

  @ApiProperty({
    description: 'the partner-scoped citizen id from the binding exchange',
    example: 'pc_x2Yb…',
  })
  @IsString()
  @Length(4, 64)
  partnerCitizenId!: string;

  @ApiProperty({ example: 'cycling' }) @Matches(/^[a-z][a-z0-9-]{0,63}$/) methodology!: string;

  @ApiProperty({ type: Object, description: "the methodology's input (ActionData_<methodology>)" })
  @IsObject()
  data!: Record<string, unknown>;

  @ApiPropertyOptional({ type: Object }) @IsOptional() @IsObject() evidence?: Record<string, unknown>;
}

export class PushBatchDto {
  @ApiProperty({ type: [PushedActionDto], maxItems: MAX_BATCH })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH)
  @ValidateNested({ each: true })
  @Type(() => PushedActionDto)
  actions!: PushedActionDto[];
}

export class PushItemResultDto {
  @ApiProperty() eventId!: string;
  @ApiProperty({ enum: ['accepted', 'duplicate', 'rejected'] }) status!:
    'accepted' | 'duplicate' | 'rejected';
  @ApiPropertyOptional() actionId?: string;
  @ApiPropertyOptional({ example: 'SPEED_IMPLAUSIBLE' }) code?: string;
  @ApiPropertyOptional() message?: string;
}

export class PushBatchResultDto {
  @ApiProperty({
    type: [PushItemResultDto],
    maxItems: MAX_BATCH,
    description: 'one per pushed action, in order',
  })
  results!: PushItemResultDto[];
}

export class ExchangeCodeDto {
  @ApiProperty({ example: 'K7MX3PQ9TA' }) @Matches(/^[A-Za-z0-9]{10}$/) code!: string;
}
