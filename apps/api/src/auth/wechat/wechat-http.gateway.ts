import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/domain';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { WechatSessionGateway, type WechatSession } from './wechat-session.gateway.js';

interface Code2SessionResponse {
  openid?: string;
  session_key?: string;
  unionid?: string;
  errcode?: number;
  errmsg?: string;
}

/** WeChat's documented code2session error codes, mapped to ours. */
const ERRORS: Record<number, { code: string; message: string }> = {
  40029: { code: ErrorCode.WechatCodeInvalid, message: 'the login code is invalid or already used' },
  40163: { code: ErrorCode.WechatCodeInvalid, message: 'the login code has already been used' },
  45011: { code: ErrorCode.WechatRateLimited, message: 'WeChat login is rate limited; try again shortly' },
  40226: { code: ErrorCode.WechatUserBlocked, message: 'WeChat flags this user as high risk' },
  [-1]: { code: ErrorCode.WechatUnavailable, message: 'WeChat is busy; try again shortly' },
};

/** The real `auth.code2Session` client (GET /sns/jscode2session). */
@Injectable()
export class WechatHttpSessionGateway extends WechatSessionGateway {
  private readonly logger = new Logger(WechatHttpSessionGateway.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  async exchange(code: string): Promise<WechatSession> {
    const { baseUrl, appId, appSecret, timeoutMs } = this.config.wechat;
    const url = new URL('/sns/jscode2session', baseUrl);
    url.search = new URLSearchParams({
      appid: appId,
      secret: appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();

    let body: Code2SessionResponse;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = (await response.json()) as Code2SessionResponse;
    } catch (error) {
      this.logger.warn(`code2session failed: ${(error as Error).message}`);
      throw new DomainError(ErrorCode.WechatUnavailable, 'WeChat could not be reached; try again shortly');
    }

    if (body.errcode) {
      const known = ERRORS[body.errcode];
      if (known)
        throw new DomainError(known.code as ErrorCode, known.message, { wechatErrcode: body.errcode });
      this.logger.warn(`code2session errcode ${body.errcode}: ${body.errmsg ?? ''}`);
      throw new DomainError(ErrorCode.WechatError, 'WeChat refused the login', {
        wechatErrcode: body.errcode,
      });
    }
    if (!body.openid) throw new DomainError(ErrorCode.WechatError, 'WeChat returned no openid');
    // The session key decrypts WeRun data; AuthService keeps it sealed server-side and never returns it.
    return { openid: body.openid, unionid: body.unionid, sessionKey: body.session_key };
  }
}
