import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/domain';
import { verifyAdmin } from '@app/persistence';
import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsString, Length } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import type { AccessTokenClaims } from '../../auth/citizen-principal.js';
import { Public } from '../../auth/public.decorator.js';
import { ADMIN_SESSION_COOKIE, adminSessionCookie } from '../../operations/admin-session.js';
import { ApiErrors } from '../../common/api-error.dto.js';

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
  @ApiOperation({
    summary: 'Sign in as an admin or auditor',
    description: `Also sets the HttpOnly cookie ${ADMIN_SESSION_COOKIE} (Path=/admin), accepted only by the queue dashboard at /admin/queues.`,
  })
  @ApiOkResponse({ type: AdminTokenDto })
  @ApiErrors(ErrorCode.InvalidCredentials)
  async login(
    @Body() body: AdminLoginDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdminTokenDto> {
    const account = await verifyAdmin(this.dataSource, body.username, body.password);
    if (!account) throw new DomainError(ErrorCode.InvalidCredentials, 'wrong username or password');
    const claims: AccessTokenClaims = { sub: account.id, role: account.role, typ: 'admin' };
    const expiresIn = this.config.admin.jwtTtlSeconds;
    const accessToken = await this.jwt.signAsync(claims, { expiresIn });
    void reply.setCookie(ADMIN_SESSION_COOKIE, accessToken, adminSessionCookie(this.config));
    return { accessToken, tokenType: 'Bearer', expiresIn, role: account.role };
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: `Clear the ${ADMIN_SESSION_COOKIE} cookie (bearer tokens simply expire)` })
  @ApiNoContentResponse()
  logout(@Res({ passthrough: true }) reply: FastifyReply): void {
    const { maxAge: _maxAge, ...cookie } = adminSessionCookie(this.config);
    void reply.clearCookie(ADMIN_SESSION_COOKIE, cookie);
  }
}
