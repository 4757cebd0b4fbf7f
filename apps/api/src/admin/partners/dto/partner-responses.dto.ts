import { ApiProperty } from '@nestjs/swagger';
import { instant, nullableInstant } from '../../../common/response-types.js';
import { PARTNER_KINDS } from './partner-requests.dto.js';

export class PartnerKeyDto {
  @ApiProperty() keyId!: string;
  @ApiProperty(instant()) createdAt!: string;
  @ApiProperty(nullableInstant()) revokedAt!: string | null;
}

export class PartnerDto {
  @ApiProperty({ example: 'hellobike' }) id!: string;
  @ApiProperty({ example: '哈啰出行' }) displayName!: string;
  @ApiProperty({ enum: PARTNER_KINDS, isArray: true }) kinds!: string[];
  @ApiProperty({ type: [String], description: 'methodologies it may push' }) methodologies!: string[];
  @ApiProperty() mayRedeem!: boolean;
  @ApiProperty({ type: String, nullable: true }) webhookUrl!: string | null;
  @ApiProperty(instant()) createdAt!: string;
  @ApiProperty(nullableInstant()) disabledAt!: string | null;
  @ApiProperty({ type: [PartnerKeyDto], description: 'never the secrets' }) keys!: PartnerKeyDto[];
}

export class IssuedKeyDto {
  @ApiProperty({ example: 'hellobike' }) partnerId!: string;
  @ApiProperty() keyId!: string;
  @ApiProperty({ description: 'the signing secret: shown this once, never again' }) secret!: string;
}

export class RevokedKeyDto {
  @ApiProperty() keyId!: string;
  @ApiProperty(instant()) revokedAt!: string;
}
