import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '@app/domain';
import { CurrentCitizen, type CitizenPrincipal } from '../auth/citizen-principal.js';
import { ApiErrors } from '../common/api-error.dto.js';
import { WerunSampleDto, WerunSampleResultDto, WerunSyncDto, WerunSyncResultDto } from './dto/werun.dto.js';
import { WerunService } from './werun.service.js';

@ApiTags('citizen werun')
@ApiBearerAuth()
@Controller('v1')
export class WerunController {
  constructor(private readonly werun: WerunService) {}

  @Post('me/werun')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sync 微信运动 steps: wx.getWeRunData() output, decrypted server-side, one walking action per day',
    description:
      "Decrypted with the session key of the citizen's latest login (AES-128-CBC, WeChat's 开放数据解密); the watermark appid must be ours. A day sent again with another count replaces the earlier report (never adds). 401 WERUN_SESSION_EXPIRED: log in again; 422 WERUN_DATA_INVALID: undecryptable, malformed or for another app, nothing written.",
  })
  @ApiOkResponse({ type: WerunSyncResultDto })
  @ApiErrors(ErrorCode.WerunSessionExpired, ErrorCode.WerunDataInvalid, ErrorCode.DatabaseUnavailable)
  sync(@CurrentCitizen() citizen: CitizenPrincipal, @Body() body: WerunSyncDto): Promise<WerunSyncResultDto> {
    return this.werun.sync(citizen, body.encryptedData, body.iv);
  }

  @Post('dev/werun-sample')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Development only: WeRun data for the given days, encrypted with my session key',
    description:
      'What wx.getWeRunData() would return, for the H5 build and tests. 404 NOT_FOUND in production and with WECHAT_ADAPTER=wechat.',
  })
  @ApiOkResponse({ type: WerunSampleResultDto })
  @ApiErrors(ErrorCode.NotFound, ErrorCode.WerunSessionExpired, ErrorCode.DatabaseUnavailable)
  sample(
    @CurrentCitizen() citizen: CitizenPrincipal,
    @Body() body: WerunSampleDto,
  ): Promise<WerunSampleResultDto> {
    return this.werun.sample(citizen, body);
  }
}
