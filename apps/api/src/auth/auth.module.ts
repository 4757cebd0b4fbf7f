import { APP_CONFIG, type AppConfig } from '@app/config';
import { CitizenLoginsRepository, PersistenceModule } from '@app/persistence';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { CitizenStatus } from './citizen-status.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { DevWechatSessionGateway } from './wechat/dev-wechat.gateway.js';
import { WechatHttpSessionGateway } from './wechat/wechat-http.gateway.js';
import { WechatSessionKeys } from './wechat/session-keys.js';
import { WechatSessionGateway } from './wechat/wechat-session.gateway.js';

/** Citizen login and the token guard (registered as a global guard by the API module, before rate limits). */
@Module({
  imports: [
    PersistenceModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: jsonwebtoken turns a string into a key on every sign and
        // verify, first trying (and failing) to parse it as a PEM public key, which cost a fifth of
        // the API's CPU per request under load. Same bytes (UTF-8), same HS256 tokens.
        secret: createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8')),
        signOptions: { algorithm: 'HS256', expiresIn: config.auth.jwtTtlSeconds },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    JwtAuthGuard,
    CitizenStatus,
    CitizenLoginsRepository,
    WechatSessionKeys,
    {
      provide: WechatSessionGateway,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.wechat.adapter === 'wechat'
          ? new WechatHttpSessionGateway(config)
          : new DevWechatSessionGateway(config),
    },
  ],
  exports: [JwtModule, JwtAuthGuard, CitizenStatus, WechatSessionKeys],
})
export class AuthModule {}
