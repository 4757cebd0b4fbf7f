import { ApiProperty } from '@nestjs/swagger';

/** What a retirement certificate states: what was retired, from where, for what, by whom issued. */
export class RetirementCertificateDto {
  @ApiProperty({ example: 'SD-370900-2026-000001' }) serial!: string;
  @ApiProperty({ example: '济南市生态环境局', description: '出具单位 (CERTIFICATE_ISSUER)' }) issuer!: string;
  @ApiProperty({ example: '370900', description: 'the pool (district) retired from' }) region!: string;
  @ApiProperty({ example: '泰安市' }) regionName!: string;
  @ApiProperty({ example: '1000000', description: 'grams CO2e retired (integer string)' }) grams!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ type: String, nullable: true }) beneficiary!: string | null;
  @ApiProperty({ format: 'date-time' }) retiredAt!: string;
}
