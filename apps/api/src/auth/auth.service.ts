import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode, isKnownDistrict } from '@app/domain';
import { CitizenLoginsRepository } from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHmac } from 'node:crypto';
import type { AccessTokenClaims } from './citizen-principal.js';
import type { LoginResponseDto } from './dto/login.dto.js';
import { WechatSessionKeys } from './wechat/session-keys.js';
import { WechatSessionGateway } from './wechat/wechat-session.gateway.js';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly citizens: CitizenLoginsRepository,
    private readonly wechat: WechatSessionGateway,
    private readonly jwt: JwtService,
    private readonly sessionKeys: WechatSessionKeys,
  ) {}

  async loginWithWechat(code: string, districtCode?: string): Promise<LoginResponseDto> {
    if (districtCode !== undefined && !isKnownDistrict(districtCode)) {
      throw new DomainError(ErrorCode.DistrictUnknown, `district ${districtCode} is not served`, {
        districtCode,
      });
    }
    const session = await this.wechat.exchange(code);
    // The openid is never stored: a keyed digest finds the citizen again without identifying them.
    const digest = createHmac('sha256', this.config.auth.openidPepper).update(session.openid).digest('hex');
    const citizen = await this.citizens.recordLogin(
      digest,
      districtCode ?? this.config.citizens.defaultDistrictCode,
      districtCode ?? null,
    );
    if (session.sessionKey) await this.sessionKeys.remember(citizen.id, session.sessionKey);
    const claims: AccessTokenClaims = { sub: citizen.id, role: 'citizen', dst: citizen.districtCode };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.config.auth.jwtTtlSeconds,
      citizenId: citizen.id,
      districtCode: citizen.districtCode,
      created: citizen.created,
    };
  }
}
