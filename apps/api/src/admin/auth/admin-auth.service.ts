import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/domain';
import { verifyAdmin } from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AccessTokenClaims } from '../../auth/citizen-principal.js';
import type { AdminTokenDto } from './dto/admin-auth.dto.js';

/** Admin and auditor sign-in: a checked password buys a short-lived bearer token. */
@Injectable()
export class AdminAuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
  ) {}

  async login(username: string, password: string): Promise<AdminTokenDto> {
    const account = await verifyAdmin(this.dataSource, username, password);
    if (!account) throw new DomainError(ErrorCode.InvalidCredentials, 'wrong username or password');
    const claims: AccessTokenClaims = { sub: account.id, role: account.role, typ: 'admin' };
    const expiresIn = this.config.admin.jwtTtlSeconds;
    const accessToken = await this.jwt.signAsync(claims, { expiresIn });
    return { accessToken, tokenType: 'Bearer', expiresIn, role: account.role };
  }
}
