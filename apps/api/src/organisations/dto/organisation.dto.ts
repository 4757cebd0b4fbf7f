import { ORGANISATION_KINDS, ORGANISATION_ROLES } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { FreeText } from '../../common/field-shapes.js';
import { instant, nullableInstant } from '../../common/response-types.js';

export class RegisterOrganisationDto {
  @ApiProperty({ example: '济宁市机关事务服务中心', maxLength: 200 })
  @FreeText(1, 200)
  name!: string;

  @ApiProperty({
    description: '统一社会信用代码 (GB 32100-2015), 18 characters; its check character is verified',
    example: '91370100MA3C5N6R2D',
  })
  @IsString()
  @Matches(/^[0-9A-Z]{18}$/, { message: 'creditCode must be 18 capital letters and digits' })
  creditCode!: string;

  @ApiProperty({
    description: 'the district (6-digit code) whose pool its reductions go to',
    example: '370811',
  })
  @Matches(/^\d{6}$/)
  districtCode!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind!: (typeof ORGANISATION_KINDS)[number];
}

export class OrganisationListQueryDto {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: string;

  @ApiPropertyOptional({ example: '370811' })
  @IsOptional()
  @Matches(/^\d{6}$/)
  district?: string;

  @ApiPropertyOptional({ enum: ['active', 'disabled'] })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';
}

export class AddMemberDto {
  @ApiProperty({ format: 'uuid', description: 'the citizen (mini-program account) who will act for it' })
  @IsUUID()
  citizenId!: string;

  @ApiProperty({ enum: ORGANISATION_ROLES })
  @IsIn(ORGANISATION_ROLES)
  role!: (typeof ORGANISATION_ROLES)[number];
}

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: '统一社会信用代码' }) creditCode!: string;
  @ApiProperty({ example: '370811' }) districtCode!: string;
  @ApiProperty({ type: String, nullable: true, example: '济宁市任城区' }) districtName!: string | null;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind!: string;
  @ApiProperty({ enum: ['active', 'disabled'] }) status!: string;
  @ApiProperty({ type: 'integer', description: 'how many citizens act for it' }) members!: number;
  @ApiProperty(instant()) createdAt!: string;
  @ApiProperty(nullableInstant()) disabledAt!: string | null;
}

export class OrganisationMemberDto {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ format: 'uuid' }) citizenId!: string;
  @ApiProperty({ enum: ORGANISATION_ROLES }) role!: string;
  @ApiProperty({ ...instant(), description: 'when they were added (or last re-added)' }) addedAt!: string;
  @ApiProperty({ ...nullableInstant(), description: 'set while they are removed' }) removedAt!: string | null;
}

export class MemberEventDto {
  @ApiProperty({ format: 'uuid' }) citizenId!: string;
  @ApiProperty({ enum: ['added', 'role-changed', 'removed', 're-added'] }) event!: string;
  @ApiProperty({ enum: ORGANISATION_ROLES, description: 'their role at that moment' }) role!: string;
  @ApiProperty({ format: 'uuid', description: 'the admin who made the change' }) adminId!: string;
  @ApiProperty(instant()) at!: string;
}

export class OrganisationDetailDto extends OrganisationDto {
  @ApiProperty({ type: [OrganisationMemberDto], description: 'current and removed members' })
  memberList!: OrganisationMemberDto[];
}

export class MembershipDto {
  @ApiProperty({ type: OrganisationDto }) organisation!: OrganisationDto;
  @ApiProperty({ enum: ORGANISATION_ROLES }) role!: string;
}
