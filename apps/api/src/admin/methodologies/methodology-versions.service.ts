import { DomainError, ErrorCode, assertRegionScope, pointsForGrams, selectPointsRule } from '@app/domain';
import {
  assessWithVersion,
  issuesOf,
  methodologyRegistry,
  resolveFactorRefs,
  UnknownFactorError,
} from '@app/methodologies';
import { paramLabelZh } from '@app/contracts';
import {
  MethodologyCatalog,
  MethodologyVersionsRepository,
  type MethodologyVersionEntity,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { instantOf } from '../../common/instants.js';
import type {
  CreateDraftDto,
  DryRunResultDto,
  MethodologySummaryDto,
  MethodologyVersionDto,
  ParamsSchemaDto,
  UpdateDraftDto,
} from './dto/methodology-version.dto.js';
import { paramsJsonSchema } from '../../common/methodology-schemas.js';
import { toParameterVersion, toVersionDto } from './version-rows.js';

/** Parameter versions: draft → published → retired. Published versions never change. */
@Injectable()
export class MethodologyVersionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: MethodologyCatalog,
    private readonly versions: MethodologyVersionsRepository,
  ) {}

  async list(): Promise<MethodologySummaryDto[]> {
    const [methodologies, versions] = await Promise.all([
      this.versions.methodologies(),
      this.versions.allVersions(),
    ]);
    return methodologies.map((m) => ({
      id: m.id,
      title: m.title,
      versions: versions
        .filter((v) => v.methodologyId === m.id)
        .map((v, _, siblings) => toVersionDto(v, siblings)),
    }));
  }

  async get(methodologyId: string, version: number): Promise<MethodologyVersionDto> {
    const row = await this.find(this.dataSource.manager, methodologyId, version);
    const siblings = await this.versions.versionsOf(methodologyId);
    return toVersionDto(row, siblings, await this.resolved(row.params).catch(() => undefined));
  }

  /** The parameters of one code module as JSON Schema, titled in Chinese. */
  paramsSchema(methodologyId: string, moduleVersion: number): ParamsSchemaDto {
    const module = methodologyRegistry.get(methodologyId, moduleVersion);
    if (!module)
      throw new DomainError(
        methodologyRegistry.latest(methodologyId) ? ErrorCode.NotFound : ErrorCode.MethodologyUnknown,
        `no code module ${methodologyId}@${moduleVersion}`,
      );
    return {
      methodologyId,
      moduleVersion,
      schema: paramsJsonSchema(module.paramsSchema, paramLabelZh),
    };
  }

  /** A new draft, copying the newest version's parameters, for the newest module version. */
  async createDraft(methodologyId: string, body: CreateDraftDto): Promise<MethodologyVersionDto> {
    const module = methodologyRegistry.latest(methodologyId);
    if (!module) throw new DomainError(ErrorCode.MethodologyUnknown, `unknown methodology ${methodologyId}`);
    const row = await this.dataSource.transaction(async (m) => {
      // Serialises draft creation per methodology so two drafts never take the same number.
      await this.versions.lockMethodology(m, methodologyId);
      const latest = await this.versions.latest(m, methodologyId);
      if (!latest)
        throw new DomainError(ErrorCode.VersionNotFound, `${methodologyId} has no version to copy`);
      return this.versions.insert(m, {
        methodologyId,
        version: latest.version + 1,
        moduleVersion: module.version,
        status: 'draft',
        params: latest.params,
        effectiveFrom: body.effectiveFrom ? instantOf('effectiveFrom', body.effectiveFrom) : new Date(),
        effectiveTo: null,
        regionScope: latest.regionScope,
        source: latest.source,
        publishedAt: null,
      });
    });
    return this.get(methodologyId, row.version);
  }

  async updateDraft(
    methodologyId: string,
    version: number,
    body: UpdateDraftDto,
  ): Promise<MethodologyVersionDto> {
    await this.dataSource.transaction(async (m) => {
      const row = await this.find(m, methodologyId, version, true);
      this.assertDraft(row);
      if (body.params !== undefined) await this.validateParams(row, body.params);
      if (body.regionScope) assertRegionScope(body.regionScope);
      const effectiveFrom = body.effectiveFrom
        ? instantOf('effectiveFrom', body.effectiveFrom)
        : row.effectiveFrom;
      const effectiveTo =
        body.effectiveTo === undefined
          ? row.effectiveTo
          : body.effectiveTo === null
            ? null
            : instantOf('effectiveTo', body.effectiveTo);
      if (effectiveTo && effectiveTo <= effectiveFrom) {
        throw new DomainError(ErrorCode.ValidationFailed, 'effectiveTo must be after effectiveFrom');
      }
      await this.versions.update(m, row.id, {
        params: (body.params ?? row.params) as object,
        effectiveFrom,
        effectiveTo,
        regionScope: body.regionScope === undefined ? row.regionScope : body.regionScope,
        source: body.source ?? row.source,
      });
    });
    return this.get(methodologyId, version);
  }

  async publish(methodologyId: string, version: number): Promise<MethodologyVersionDto> {
    await this.dataSource.transaction(async (m) => {
      const row = await this.find(m, methodologyId, version, true);
      this.assertDraft(row);
      await this.validateParams(row, row.params);
      await this.versions.update(m, row.id, { status: 'published', publishedAt: new Date() });
    });
    this.catalog.invalidate();
    return this.get(methodologyId, version);
  }

  async retire(methodologyId: string, version: number): Promise<MethodologyVersionDto> {
    await this.dataSource.transaction(async (m) => {
      const row = await this.find(m, methodologyId, version, true);
      if (row.status !== 'published') {
        throw new DomainError(
          ErrorCode.VersionImmutable,
          `only a published version can be retired; ${methodologyId}@${version} is ${row.status}`,
        );
      }
      await this.versions.update(m, row.id, { status: 'retired' });
    });
    this.catalog.invalidate();
    return this.get(methodologyId, version);
  }

  /** Quantifies an input with one version, whatever its status, and writes nothing. */
  async dryRun(methodologyId: string, version: number, data: unknown): Promise<DryRunResultDto> {
    const row = await this.find(this.dataSource.manager, methodologyId, version);
    const snapshot = await this.catalog.get(0);
    let assessment;
    try {
      assessment = assessWithVersion(toParameterVersion(row), data, snapshot.factors);
    } catch (error) {
      throw this.paramsError(error);
    }
    if (assessment.kind === 'invalid-input')
      return { outcome: 'invalid-input', details: assessment.issues, version };
    if (assessment.kind === 'rejected') {
      return {
        outcome: 'rejected',
        reason: assessment.reason,
        message: assessment.message,
        details: assessment.details,
        version,
      };
    }
    const rule = selectPointsRule(snapshot.pointsRules, assessment.occurredAt);
    return {
      outcome: 'quantified',
      grams: assessment.grams.toString(),
      points: rule ? pointsForGrams(assessment.grams, rule).toString() : undefined,
      trace: assessment.trace,
      version,
    };
  }

  private async find(
    m: EntityManager,
    methodologyId: string,
    version: number,
    lock = false,
  ): Promise<MethodologyVersionEntity> {
    const row = await this.versions.find(m, methodologyId, version, lock);
    if (!row) throw new DomainError(ErrorCode.VersionNotFound, `no version ${methodologyId}@${version}`);
    return row;
  }

  private assertDraft(row: MethodologyVersionEntity): void {
    if (row.status !== 'draft') {
      throw new DomainError(
        ErrorCode.VersionImmutable,
        `${row.methodologyId}@${row.version} is ${row.status}; create a new draft to change it`,
      );
    }
  }

  private async resolved(params: unknown): Promise<unknown> {
    return resolveFactorRefs(params, (await this.catalog.get(0)).factors);
  }

  private async validateParams(row: MethodologyVersionEntity, params: unknown): Promise<void> {
    const module = methodologyRegistry.get(row.methodologyId, row.moduleVersion);
    if (!module)
      throw new DomainError(
        ErrorCode.ParamsInvalid,
        `no code module ${row.methodologyId}@${row.moduleVersion}`,
      );
    let resolved: unknown;
    try {
      resolved = await this.resolved(params);
    } catch (error) {
      throw this.paramsError(error);
    }
    const parsed = module.paramsSchema.safeParse(resolved);
    if (!parsed.success) {
      const fields = issuesOf(parsed.error, 'params');
      throw new DomainError(
        ErrorCode.ParamsInvalid,
        fields.map((f) => `${f.field}: ${f.problem}`).join('; '),
        { fields },
      );
    }
  }

  private paramsError(error: unknown): DomainError {
    if (error instanceof UnknownFactorError) {
      return new DomainError(ErrorCode.ParamsInvalid, error.message, { factor: error.key });
    }
    if (error instanceof DomainError) return error;
    return new DomainError(
      ErrorCode.ParamsInvalid,
      `the stored parameters are not valid: ${(error as Error).message}`,
    );
  }
}
