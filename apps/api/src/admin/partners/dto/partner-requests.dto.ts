import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';
import { FreeText } from '../../../common/field-shapes.js';

export const PARTNER_KINDS = ['data-provider', 'redemption-channel'] as const;

const WEBHOOK_URL_RULES =
  'http(s) URL; private, loopback, link-local and metadata destinations are refused (400 WEBHOOK_URL_REFUSED) unless WEBHOOK_ALLOWED_HOSTS allows them; https only in production.';

export class CreatePartnerDto {
  @ApiProperty({ example: 'hellobike', description: 'a stable slug' })
  @Matches(/^[a-z][a-z0-9-]{1,63}$/)
  id!: string;
  @ApiProperty({ example: '哈啰出行' }) @FreeText(1, 200) displayName!: string;

  @ApiProperty({ enum: PARTNER_KINDS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(PARTNER_KINDS, { each: true })
  kinds!: string[];

  @ApiPropertyOptional({ type: [String], example: ['cycling'], description: 'methodologies it may push' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[a-z][a-z0-9-]{0,63}$/, { each: true })
  methodologies?: string[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean() mayRedeem?: boolean;

  @ApiPropertyOptional({
    example: 'https://partner.example.com/carbon/webhook',
    description: WEBHOOK_URL_RULES,
  })
  @IsOptional()
  @IsString()
  @Length(1, 2048)
  webhookUrl?: string;
}

export class WebhookUrlDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'https://partner.example.com/carbon/webhook',
    description: `${WEBHOOK_URL_RULES} null removes it: nothing is delivered then.`,
  })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, 2048)
  webhookUrl!: string | null;
}
