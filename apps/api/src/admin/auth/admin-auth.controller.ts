import { APP_CONFIG, type AppConfig } from '@app/config';
import { ErrorCode } from '@app/domain';
import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../auth/public.decorator.js';
import { RateLimiter } from '../../common/rate-limiter.js';
import { ADMIN_SESSION_COOKIE, adminSessionCookie } from '../../operations/admin-session.js';
import { ApiErrors } from '../../common/api-error.dto.js';
import { AdminAuthService } from './admin-auth.service.js';
import { AdminLoginDto, AdminTokenDto } from './dto/admin-auth.dto.js';

@ApiTags('admin')
@Controller('admin/v1/auth')
export class AdminAuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AdminAuthService,
    private readonly limiter: RateLimiter,
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
    // Per address (the global guard) and per account: guesses spread over many addresses still stop.
    await this.limiter.enforceOn(
      reply,
      `admin-login:${body.username.toLowerCase()}`,
      this.config.rateLimits.adminLoginPerMinute,
    );
    const token = await this.auth.login(body.username, body.password);
    void reply.setCookie(ADMIN_SESSION_COOKIE, token.accessToken, adminSessionCookie(this.config));
    return token;
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
