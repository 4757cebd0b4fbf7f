import { APP_CONFIG, type AppConfig } from '@app/config';
import { DISTRICTS } from '@app/domain';
import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRead } from '../../auth/roles.decorator.js';
import { RetirementCertificateDto } from './certificate.dto.js';
import { RetirementsService } from './retirements.service.js';

@ApiTags('admin: pools and ledger')
@ApiBearerAuth()
@AdminRead()
@Controller('admin/v1/retirements')
export class CertificatesController {
  constructor(
    private readonly retirements: RetirementsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The certificate's content: no ledger ids, the issuer from configuration. */
  @Get(':serial/certificate')
  @ApiOperation({
    summary:
      'A retirement certificate (注销证明): what was retired, from which pool, for what, issued by whom',
  })
  @ApiOkResponse({ type: RetirementCertificateDto })
  async certificate(@Param('serial') serial: string): Promise<RetirementCertificateDto> {
    const retirement = await this.retirements.find(serial);
    return {
      serial: retirement.serial,
      issuer: this.config.certificates.issuer,
      region: retirement.region,
      regionName: DISTRICTS[retirement.region] ?? retirement.region,
      grams: retirement.grams,
      purpose: retirement.purpose,
      beneficiary: retirement.beneficiary,
      retiredAt: retirement.createdAt,
    };
  }
}
