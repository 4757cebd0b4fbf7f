import type { CampaignView } from '@app/contracts';
import { DomainError, ErrorCode, assertRegionScope } from '@app/domain';
import { methodologyRegistry } from '@app/methodologies';
import { MethodologyCatalog } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AdminPrincipal } from '../../auth/citizen-principal.js';

const toView = (r: Record<string, unknown>): CampaignView => ({
  id: r.id as string,
  name: r.name as string,
  regionScope: (r.region_scope as string[] | null) ?? null,
  methodologies: (r.methodologies as string[] | null) ?? null,
  startsAt: (r.starts_at as Date).toISOString(),
  endsAt: (r.ends_at as Date).toISOString(),
  multiplier: r.multiplier as string,
  cancelledAt: r.cancelled_at ? (r.cancelled_at as Date).toISOString() : null,
});

/** Points multipliers for actions in a region, methodologies and date range (e.g. 全国低碳日 ×2). */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: MethodologyCatalog,
  ) {}

  async list(): Promise<CampaignView[]> {
    return (
      await this.dataSource.query<Record<string, unknown>[]>(
        `SELECT * FROM campaigns ORDER BY starts_at DESC LIMIT 500`,
      )
    ).map(toView);
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
    if (new Date(body.endsAt) <= new Date(body.startsAt))
      throw new DomainError(ErrorCode.ValidationFailed, 'endsAt must be after startsAt');
    const [row] = await this.dataSource.query<Record<string, unknown>[]>(
      `INSERT INTO campaigns (name, region_scope, methodologies, starts_at, ends_at, multiplier, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [
        body.name,
        body.regionScope?.length ? body.regionScope : null,
        body.methodologies?.length ? body.methodologies : null,
        body.startsAt,
        body.endsAt,
        body.multiplier,
        admin.adminId,
      ],
    );
    this.catalog.invalidate();
    return toView(row);
  }

  async cancel(id: string): Promise<CampaignView> {
    // An UPDATE answers [rows, affected count].
    const [rows] = await this.dataSource.query<[Record<string, unknown>[], number]>(
      `UPDATE campaigns SET cancelled_at = coalesce(cancelled_at, now()) WHERE id = $1 RETURNING *`,
      [id],
    );
    if (!rows.length) throw new DomainError(ErrorCode.CampaignNotFound, 'no such campaign');
    this.catalog.invalidate();
    return toView(rows[0]);
  }
}
