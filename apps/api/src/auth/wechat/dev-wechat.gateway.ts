import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { WechatSessionGateway, type WechatSession } from './wechat-session.gateway.js';

const DEV_CODE = /^dev:([A-Za-z0-9_.-]{1,64})$/;

/**
 * Local stand-in: the code `dev:alice` logs in as the test citizen "alice". Refused in production.
 * Each login gets a fresh random session key, as WeChat's does, so WeRun data encrypted with it
 * (POST /v1/dev/werun-sample) goes through the real decryption path.
 */
@Injectable()
export class DevWechatSessionGateway extends WechatSessionGateway {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  async exchange(code: string): Promise<WechatSession> {
    if (this.config.isProduction) {
      throw new DomainError(ErrorCode.DevLoginRefused, 'development login is refused in production');
    }
    const match = DEV_CODE.exec(code);
    if (!match)
      throw new DomainError(ErrorCode.WechatCodeInvalid, 'development login codes look like dev:<name>');
    return { openid: `dev-openid-${match[1]}`, sessionKey: randomBytes(16).toString('base64') };
  }
}
