import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class AdminLoginDto {
  @ApiProperty() @IsString() @Length(3, 64) username!: string;
  @ApiProperty() @IsString() @Length(1, 256) password!: string;
}

export class AdminTokenDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'seconds' }) expiresIn!: number;
  @ApiProperty({ enum: ['admin', 'auditor'] }) role!: 'admin' | 'auditor';
}
