import type { IdempotentResult } from '@app/persistence';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  cstDate,
  DISTRICTS,
  DomainError,
  ErrorCode,
  formatDecimal,
  inventoryTotals,
  neutralisedShare,
  remainingToNeutralise,
} from '@app/domain';
import {
  EmissionInventoriesRepository,
  OrganisationsRepository,
  type InventoryRecord,
  type OrganisationRecord,
} from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RetirementsService } from '../admin/pools/retirements.service.js';
import type { AdminPrincipal } from '../auth/citizen-principal.js';
import { inventoryLines } from './inventory-lines.js';
import type {
  InventoryDto,
  NeutraliseDto,
  NeutralityCertificateDto,
  NeutralityRetirementDto,
  NeutralityStatementDto,
  RecordInventoryDto,
} from './dto/neutrality.dto.js';

/** Grams as tonnes for a person: exact, without trailing zeros. */
const tonnes = (grams: bigint) => formatDecimal({ units: grams, scale: 6 });

/**
 * 公共机构碳中和: a public institution's annual inventory, retirements from the bureau's pool against
 * it (through the pool's own retirement service), the share neutralised, a certificate per
 * retirement and the year's statement.
 */
@Injectable()
export class NeutralityService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsRepository,
    private readonly inventories: EmissionInventoriesRepository,
    private readonly retirements: RetirementsService,
  ) {}

  async record(
    admin: AdminPrincipal,
    organisationId: string,
    body: RecordInventoryDto,
  ): Promise<InventoryDto> {
    const organisation = await this.institution(organisationId);
    const { lines, total } = inventoryLines(body.lines);
    const id = await this.dataSource.transaction((manager) =>
      this.inventories.insert(
        manager,
        { organisationId: organisation.id, year: body.year, totalGrams: total, recordedBy: admin.adminId },
        lines,
      ),
    );
    if (!id) {
      throw new DomainError(
        ErrorCode.InventoryExists,
        `${organisation.name} has a ${body.year} inventory already`,
        {
          year: body.year,
        },
      );
    }
    return this.inventory(organisationId, body.year);
  }

  async inventory(organisationId: string, year: number): Promise<InventoryDto> {
    const { inventory, neutralised } = await this.year(await this.institution(organisationId), year);
    const totals = inventoryTotals(inventory.lines);
    return {
      organisationId,
      year,
      ...this.figures(inventory, neutralised),
      scope1Grams: totals.scope1.toString(),
      scope2Grams: totals.scope2.toString(),
      scope3Grams: totals.scope3.toString(),
      lines: inventory.lines.map((l) => ({
        lineNo: l.lineNo,
        scope: l.scope,
        source: l.source,
        activity: l.activity,
        activityUnit: l.activityUnit,
        factor: l.factor,
        factorSource: l.factorSource,
        grams: l.grams.toString(),
      })),
      recordedAt: inventory.recordedAt.toISOString(),
      revision: inventory.revision,
      correctionNote: inventory.correctionNote,
      revisions: (await this.inventories.revisions(organisationId, year)).map((r) => ({
        revision: r.revision,
        totalGrams: r.totalGrams.toString(),
        correctionNote: r.correctionNote,
        recordedAt: r.recordedAt.toISOString(),
      })),
    };
  }

  /**
   * Retires grams from a pool against the year's inventory, once per Idempotency-Key (a replay
   * answers the same retirement), never beyond what the year has left to neutralise.
   */
  async neutralise(
    admin: AdminPrincipal,
    key: string,
    organisationId: string,
    year: number,
    body: NeutraliseDto,
  ): Promise<IdempotentResult<NeutralityRetirementDto>> {
    const organisation = await this.institution(organisationId);
    await this.year(organisation, year);
    return this.inventories.whileLocked(organisation.id, year, async () => {
      const { inventory, neutralised } = await this.year(organisation, year);
      const grams = BigInt(body.grams);
      const remaining = remainingToNeutralise(neutralised, inventory.totalGrams);
      if (!(await this.inventories.retirementKeyUsed(key)) && grams > remaining) {
        throw new DomainError(
          ErrorCode.InventoryOverNeutralised,
          `${year} has ${remaining} g left to neutralise, ${grams} g asked`,
          { remainingGrams: remaining.toString() },
        );
      }
      const { body: retirement, replayed } = await this.retirements.retire(
        admin,
        key,
        body.region ?? organisation.districtCode,
        {
          grams: body.grams,
          purpose: `${organisation.name} ${year} 年度碳中和（统一社会信用代码 ${organisation.creditCode}）`,
          beneficiary: organisation.name,
        },
      );
      await this.inventories.link(retirement.id, inventory.id);
      const after = await this.year(organisation, year);
      return {
        replayed,
        statusCode: 201,
        body: {
          serial: retirement.serial,
          region: retirement.region,
          grams: retirement.grams,
          retiredAt: retirement.createdAt,
          year,
          ...this.figures(inventory, after.neutralised),
        },
      };
    });
  }

  async certificate(organisationId: string, year: number, serial: string): Promise<NeutralityCertificateDto> {
    const organisation = await this.institution(organisationId);
    const { inventory, linked } = await this.year(organisation, year);
    const retirement = linked.find((r) => r.serial === serial);
    if (!retirement) throw new DomainError(ErrorCode.NotFound, `no retirement ${serial} against ${year}`);
    const regionName = DISTRICTS[retirement.region] ?? retirement.region;
    const issuer = this.config.certificates.issuer;
    return {
      serial,
      issuer,
      organisationName: organisation.name,
      creditCode: organisation.creditCode,
      year,
      inventoryGrams: inventory.totalGrams.toString(),
      region: retirement.region,
      regionName,
      grams: retirement.grams.toString(),
      purpose: retirement.purpose,
      retiredAt: retirement.retiredAt.toISOString(),
      textZh:
        `兹证明：${issuer}已于${this.chinaDate(retirement.retiredAt)}从${regionName}碳普惠减排量池注销` +
        `${tonnes(retirement.grams)}吨二氧化碳当量（注销编号 ${serial}），用于抵消${organisation.name}` +
        `（统一社会信用代码 ${organisation.creditCode}）${year}年度温室气体排放。`,
    };
  }

  async statement(organisationId: string, year: number): Promise<NeutralityStatementDto> {
    const organisation = await this.institution(organisationId);
    const { inventory, neutralised, linked } = await this.year(organisation, year);
    const totals = inventoryTotals(inventory.lines);
    const figures = this.figures(inventory, neutralised);
    const status = neutralised >= inventory.totalGrams ? 'neutral' : neutralised > 0n ? 'partial' : 'none';
    const outcome =
      status === 'neutral'
        ? '实现该年度碳中和'
        : status === 'partial'
          ? `中和该年度排放的 ${figures.neutralisedShare}%，尚余 ${tonnes(BigInt(figures.remainingGrams))} 吨待中和`
          : '尚未注销减排量抵消该年度排放';
    return {
      issuer: this.config.certificates.issuer,
      organisationId,
      organisationName: organisation.name,
      creditCode: organisation.creditCode,
      year,
      ...figures,
      scope1Grams: totals.scope1.toString(),
      scope2Grams: totals.scope2.toString(),
      scope3Grams: totals.scope3.toString(),
      status,
      inventoryRevision: inventory.revision,
      inventoryRecordedAt: inventory.recordedAt.toISOString(),
      retirements: linked.map((r) => ({
        serial: r.serial,
        region: r.region,
        grams: r.grams.toString(),
        retiredAt: r.retiredAt.toISOString(),
      })),
      titleZh: `${organisation.name} ${year} 年度碳中和声明`,
      textZh:
        `${organisation.name}（统一社会信用代码 ${organisation.creditCode}）${year}年度温室气体排放总量` +
        (inventory.revision > 1
          ? `（依据${this.chinaDate(inventory.recordedAt)}修订的第${inventory.revision}版排放清单）为`
          : '为') +
        `${tonnes(inventory.totalGrams)}吨二氧化碳当量，其中范围一${tonnes(totals.scope1)}吨、范围二${tonnes(totals.scope2)}吨、` +
        `范围三${tonnes(totals.scope3)}吨。通过注销山东省碳普惠减排量${tonnes(neutralised)}吨（${linked.length}笔），` +
        `${outcome}。`,
    };
  }

  private figures(inventory: InventoryRecord, neutralised: bigint) {
    return {
      totalGrams: inventory.totalGrams.toString(),
      neutralisedGrams: neutralised.toString(),
      remainingGrams: remainingToNeutralise(neutralised, inventory.totalGrams).toString(),
      neutralisedShare: neutralisedShare(neutralised, inventory.totalGrams),
    };
  }

  private async year(organisation: OrganisationRecord, year: number) {
    const inventory = await this.inventories.find(organisation.id, year);
    if (!inventory)
      throw new DomainError(ErrorCode.InventoryNotFound, `${organisation.name} has no ${year} inventory`);
    const linked = await this.inventories.retirements(organisation.id, year);
    return { inventory, linked, neutralised: linked.reduce((sum, r) => sum + r.grams, 0n) };
  }

  /** The organisation, when it is a public institution (only they keep inventories). */
  async institution(id: string): Promise<OrganisationRecord> {
    const organisation = await this.organisations.find(id);
    if (!organisation) throw new DomainError(ErrorCode.OrganisationNotFound, `no organisation ${id}`);
    if (organisation.kind !== 'public-institution') {
      throw new DomainError(
        ErrorCode.OrganisationNotInstitution,
        'inventories and carbon neutrality are for public institutions',
      );
    }
    return organisation;
  }

  /** 2026年12月2日, in China time. */
  private chinaDate(at: Date): string {
    const [y, m, d] = cstDate(at).split('-');
    return `${y}年${Number(m)}月${Number(d)}日`;
  }
}
