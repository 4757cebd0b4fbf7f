import { APP_CONFIG, type AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { DevWechatSessionGateway } from './wechat/dev-wechat.gateway.js';
import { WechatHttpSessionGateway } from './wechat/wechat-http.gateway.js';
import { WechatSessionGateway } from './wechat/wechat-session.gateway.js';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.auth.jwtSecret,
        signOptions: { algorithm: 'HS256', expiresIn: config.auth.jwtTtlSeconds },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    {
      provide: WechatSessionGateway,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.wechat.adapter === 'wechat'
          ? new WechatHttpSessionGateway(config)
          : new DevWechatSessionGateway(config),
    },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [JwtModule],
})
export class AuthModule {}
