import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/domain';
import { verifyAdmin } from '@app/persistence';
import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsString, Length } from 'class-validator';
import type { DataSource } from 'typeorm';
import type { AccessTokenClaims } from '../../auth/citizen-principal.js';
import { Public } from '../../auth/public.decorator.js';

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

@ApiTags('admin')
@Controller('admin/v1/auth')
export class AdminAuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in as an admin or auditor' })
  @ApiOkResponse({ type: AdminTokenDto })
  async login(@Body() body: AdminLoginDto): Promise<AdminTokenDto> {
    const account = await verifyAdmin(this.dataSource, body.username, body.password);
    if (!account) throw new DomainError(ErrorCode.InvalidCredentials, 'wrong username or password');
    const claims: AccessTokenClaims = { sub: account.id, role: account.role, typ: 'admin' };
    const expiresIn = this.config.admin.jwtTtlSeconds;
    return {
      accessToken: await this.jwt.signAsync(claims, { expiresIn }),
      tokenType: 'Bearer',
      expiresIn,
      role: account.role,
    };
  }
}
