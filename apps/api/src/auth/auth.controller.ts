import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService } from './auth.service.js';
import { LoginResponseDto, WechatLoginDto } from './dto/login.dto.js';
import { Public } from './public.decorator.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../common/api-error.dto.js';

@ApiTags('citizen auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('wechat')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a mini-program login code for an access token' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(
    ErrorCode.DistrictUnknown,
    ErrorCode.WechatCodeInvalid,
    ErrorCode.WechatUserBlocked,
    ErrorCode.DevLoginRefused,
    ErrorCode.WechatRateLimited,
    ErrorCode.WechatError,
    ErrorCode.WechatUnavailable,
  )
  login(@Body() body: WechatLoginDto): Promise<LoginResponseDto> {
    return this.auth.loginWithWechat(body.code, body.districtCode);
  }
}
