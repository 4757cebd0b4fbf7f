import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class WechatLoginDto {
  @ApiProperty({
    description: 'The code from wx.login() (or dev:<name> with the development adapter)',
    example: 'dev:alice',
  })
  @IsString()
  @Length(1, 128)
  code!: string;

  @ApiPropertyOptional({
    description: 'GB/T 2260 district code; set on first login or to move district',
    example: '370102',
  })
  @IsOptional()
  @Matches(/^\d{6}$/)
  districtCode?: string;
}

export class LoginResponseDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'seconds' }) expiresIn!: number;
  @ApiProperty({ description: 'pseudonymous citizen id' }) citizenId!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty({ description: 'true when this login created the account' }) created!: boolean;
}
