import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { MethodologyEntity } from '../entities/methodology.entity.js';
import { MethodologyVersionEntity } from '../entities/methodology-version.entity.js';

export type NewMethodologyVersion = Pick<
  MethodologyVersionEntity,
  | 'methodologyId'
  | 'version'
  | 'moduleVersion'
  | 'status'
  | 'params'
  | 'effectiveFrom'
  | 'effectiveTo'
  | 'regionScope'
  | 'source'
  | 'publishedAt'
>;

export type MethodologyVersionPatch = Partial<
  Pick<
    MethodologyVersionEntity,
    'status' | 'effectiveFrom' | 'effectiveTo' | 'regionScope' | 'source' | 'publishedAt'
  > & { params: object }
>;

/** Methodologies and their parameter versions, as the admin edits them (draft → published → retired). */
@Injectable()
export class MethodologyVersionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every methodology, by id. */
  methodologies(): Promise<MethodologyEntity[]> {
    return this.dataSource.getRepository(MethodologyEntity).find({ order: { id: 'ASC' } });
  }

  /** Methodology titles by id (report labels). */
  async titles(): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<{ id: string; title: string }[]>(
      `SELECT id, title FROM methodologies`,
    );
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  /** Every version of every methodology, by methodology then version. */
  allVersions(): Promise<MethodologyVersionEntity[]> {
    return this.dataSource
      .getRepository(MethodologyVersionEntity)
      .find({ order: { methodologyId: 'ASC', version: 'ASC' } });
  }

  /** Every version of one methodology. */
  versionsOf(methodologyId: string): Promise<MethodologyVersionEntity[]> {
    return this.dataSource.getRepository(MethodologyVersionEntity).find({ where: { methodologyId } });
  }

  /** One version, locked for the transaction when `lock`; null when there is none. */
  find(
    manager: EntityManager,
    methodologyId: string,
    version: number,
    lock = false,
  ): Promise<MethodologyVersionEntity | null> {
    return manager.getRepository(MethodologyVersionEntity).findOne({
      where: { methodologyId, version },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** Locks the methodology's row, which serialises draft creation per methodology. */
  async lockMethodology(manager: EntityManager, methodologyId: string): Promise<void> {
    await manager.query(`SELECT id FROM methodologies WHERE id = $1 FOR UPDATE`, [methodologyId]);
  }

  /** The methodology's newest version (highest number), or null. */
  latest(manager: EntityManager, methodologyId: string): Promise<MethodologyVersionEntity | null> {
    return manager
      .getRepository(MethodologyVersionEntity)
      .findOne({ where: { methodologyId }, order: { version: 'DESC' } });
  }

  insert(manager: EntityManager, version: NewMethodologyVersion): Promise<MethodologyVersionEntity> {
    return manager.getRepository(MethodologyVersionEntity).save(version);
  }

  async update(manager: EntityManager, id: string, patch: MethodologyVersionPatch): Promise<void> {
    await manager.getRepository(MethodologyVersionEntity).update(id, patch);
  }
}
