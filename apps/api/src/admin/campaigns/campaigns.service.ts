import type { CampaignView } from '@app/contracts';
import { DomainError, ErrorCode, assertRegionScope } from '@app/domain';
import { methodologyRegistry } from '@app/methodologies';
import { CampaignRegistryRepository, MethodologyCatalog, type CampaignRecord } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { AdminPrincipal } from '../../auth/citizen-principal.js';
import { instantOf } from '../../common/instants.js';

const toView = (r: CampaignRecord): CampaignView => ({
  id: r.id,
  name: r.name,
  regionScope: r.regionScope,
  methodologies: r.methodologies,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
  multiplier: r.multiplier,
  cancelledAt: r.cancelledAt ? r.cancelledAt.toISOString() : null,
});

/** Points multipliers for actions in a region, methodologies and date range (e.g. 全国低碳日 ×2). */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly campaigns: CampaignRegistryRepository,
    private readonly catalog: MethodologyCatalog,
  ) {}

  async list(): Promise<CampaignView[]> {
    return (await this.campaigns.list(500)).map(toView);
  }

  async create(
    admin: AdminPrincipal,
    body: {
      name: string;
      regionScope?: string[];
      methodologies?: string[];
      startsAt: string;
      endsAt: string;
      multiplier: string;
    },
  ): Promise<CampaignView> {
    assertRegionScope(body.regionScope ?? []);
    const unknownMethodologies = (body.methodologies ?? []).filter((id) => !methodologyRegistry.latest(id));
    if (unknownMethodologies.length) {
      throw new DomainError(
        ErrorCode.MethodologyUnknown,
        `unknown methodologies: ${unknownMethodologies.join(', ')}`,
      );
    }
    const startsAt = instantOf('startsAt', body.startsAt);
    const endsAt = instantOf('endsAt', body.endsAt);
    if (endsAt <= startsAt)
      throw new DomainError(ErrorCode.ValidationFailed, 'endsAt must be after startsAt');
    const row = await this.campaigns.insert({
      name: body.name,
      regionScope: body.regionScope?.length ? body.regionScope : null,
      methodologies: body.methodologies?.length ? body.methodologies : null,
      startsAt,
      endsAt,
      multiplier: body.multiplier,
      createdBy: admin.adminId,
    });
    this.catalog.invalidate();
    return toView(row);
  }

  async cancel(id: string): Promise<CampaignView> {
    const row = await this.campaigns.cancel(id);
    if (!row) throw new DomainError(ErrorCode.CampaignNotFound, 'no such campaign');
    this.catalog.invalidate();
    return toView(row);
  }
}
