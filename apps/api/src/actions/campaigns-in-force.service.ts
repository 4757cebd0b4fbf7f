import { scopeCovers } from '@app/domain';
import { CampaignsInForceRepository } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { instantOf } from '../common/instants.js';
import { validationFailed } from '../common/validation.js';
import type { CampaignInForceDto, CampaignsQueryDto } from './dto/campaigns.dto.js';

export const MAX_CAMPAIGNS = 100;

/**
 * The points campaigns that cover the caller's district, by the rules the worker applies
 * (selectCampaign: not cancelled, startsAt ≤ t < endsAt, scopeCovers for the region).
 */
@Injectable()
export class CampaignsInForceService {
  constructor(private readonly campaigns: CampaignsInForceRepository) {}

  async inForce(citizen: CitizenPrincipal, query: CampaignsQueryDto): Promise<CampaignInForceDto[]> {
    const from = query.from ? instantOf('from', query.from) : new Date();
    const to = query.to ? instantOf('to', query.to) : from;
    if (to < from) throw validationFailed([{ field: 'to', problems: ['must not be before from'] }]);
    const campaigns = await this.campaigns.overlapping(from, to);
    return campaigns
      .filter((campaign) => scopeCovers(campaign.regionScope, citizen.districtCode))
      .slice(0, MAX_CAMPAIGNS)
      .map((campaign) => ({
        id: campaign.id,
        name: campaign.name,
        multiplier: campaign.multiplier,
        methodologies: campaign.methodologies,
        startsAt: campaign.startsAt.toISOString(),
        endsAt: campaign.endsAt.toISOString(),
      }));
  }
}
