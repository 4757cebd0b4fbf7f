import type { Campaign, PointsRule } from '@app/domain';
import { factorKey, type EmissionFactor, type ParameterVersion } from '@app/methodologies';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MethodologyVersionEntity } from '../entities/methodology-version.entity.js';
import { PointsRuleEntity } from '../entities/points-rule.entity.js';

/** A stored parameter version, as the methodologies library selects among them (a type, no runtime dependency). */
export type CatalogVersion = ParameterVersion;

/** An emission_factors row. */
export type CatalogFactor = EmissionFactor;

export interface CatalogSnapshot {
  methodologyIds: Set<string>;
  /** By `kind/region/year` (edition 1) or `kind/region/year/e<n>` (a later edition). */
  factors: Map<string, CatalogFactor>;
  /** Published and retired versions (drafts never quantify anything). */
  versions: CatalogVersion[];
  pointsRules: PointsRule[];
  /** Campaigns not cancelled. */
  campaigns: Campaign[];
  loadedAt: number;
}

/**
 * Methodology parameter sets and points rules, read together. The API reads through a short cache
 * (ingest is hot); the worker asks for a fresh snapshot per batch, which costs two queries per
 * thousand actions.
 */
@Injectable()
export class MethodologyCatalog {
  private snapshot?: Promise<CatalogSnapshot>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(maxAgeMs = 5_000): Promise<CatalogSnapshot> {
    const current = this.snapshot;
    if (current) {
      const value = await current.catch(() => undefined);
      if (value && Date.now() - value.loadedAt <= maxAgeMs) return value;
    }
    if (this.snapshot === current) this.snapshot = this.load();
    return this.snapshot!;
  }

  invalidate(): void {
    this.snapshot = undefined;
  }

  private async load(): Promise<CatalogSnapshot> {
    const [ids, factors, versions, rules, campaigns] = await Promise.all([
      this.dataSource.query<{ id: string }[]>('SELECT id FROM methodologies'),
      this.dataSource.query<CatalogFactor[]>(
        // numeric → text without trailing zeros, so "0.6361" stays "0.6361"
        `SELECT kind, region, year, edition, trim_scale(value)::text AS value, unit, source FROM emission_factors`,
      ),
      this.dataSource
        .getRepository(MethodologyVersionEntity)
        .find({ where: [{ status: 'published' }, { status: 'retired' }] }),
      this.dataSource.getRepository(PointsRuleEntity).find(),
      this.dataSource.query<
        {
          id: string;
          region_scope: string[] | null;
          methodologies: string[] | null;
          starts_at: Date;
          ends_at: Date;
          multiplier: string;
        }[]
      >(
        `SELECT id, region_scope, methodologies, starts_at, ends_at, trim_scale(multiplier)::text AS multiplier
         FROM campaigns WHERE cancelled_at IS NULL`,
      ),
    ]);
    return {
      methodologyIds: new Set(ids.map((r) => r.id)),
      factors: new Map(factors.map((f) => [factorKey(f), f])),
      versions: versions.map((v) => ({
        id: String(v.id),
        methodologyId: v.methodologyId,
        version: v.version,
        moduleVersion: v.moduleVersion,
        status: v.status,
        effectiveFrom: v.effectiveFrom,
        effectiveTo: v.effectiveTo,
        regionScope: v.regionScope,
        params: v.params,
      })),
      pointsRules: rules.map((r) => ({
        version: r.version,
        pointsPerGram: r.pointsPerGram,
        effectiveFrom: r.effectiveFrom,
      })),
      campaigns: campaigns.map((c) => ({
        id: c.id,
        regionScope: c.region_scope,
        methodologies: c.methodologies,
        startsAt: c.starts_at,
        endsAt: c.ends_at,
        multiplier: c.multiplier,
      })),
      loadedAt: Date.now(),
    };
  }
}
