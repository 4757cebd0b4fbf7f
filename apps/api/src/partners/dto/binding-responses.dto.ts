import { ApiProperty } from '@nestjs/swagger';
import { instant, nullableInstant } from '../../common/response-types.js';

/** The one-time code a citizen gives to the partner app. */
export class BindingCodeDto {
  @ApiProperty({ format: 'uuid' }) bindingId!: string;
  @ApiProperty({ example: 'hellobike' }) partnerId!: string;
  @ApiProperty({ example: 'K7Q2M9XD4T', description: 'valid 10 minutes, used once' }) code!: string;
  @ApiProperty(instant()) expiresAt!: string;
}

export class BindingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'hellobike' }) partnerId!: string;
  @ApiProperty({ example: '哈啰出行' }) partnerName!: string;
  @ApiProperty({ enum: ['active', 'revoked'] }) status!: string;
  @ApiProperty(instant()) createdAt!: string;
  @ApiProperty(nullableInstant()) activatedAt!: string | null;
  @ApiProperty(nullableInstant()) revokedAt!: string | null;
}

export class BindingRevokedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['revoked'] }) status!: 'revoked';
}

/** The partner's side of a binding: its own id for the citizen, used in pushes and holds. */
export class BindingExchangedDto {
  @ApiProperty({ format: 'uuid' }) bindingId!: string;
  @ApiProperty({ description: "the partner-scoped citizen id (not the platform's)" })
  partnerCitizenId!: string;
}
