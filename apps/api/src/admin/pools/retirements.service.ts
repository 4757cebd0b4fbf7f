import type { PoolView, RetirementView } from '@app/contracts';
import { DISTRICTS, DomainError, ErrorCode, isKnownDistrict } from '@app/domain';
import {
  AccountKind,
  LedgerWriter,
  reconcile,
  drawFromShards,
  retirementPosting,
  type ReconciliationReport,
} from '@app/ledger';
import {
  IdempotencyStore,
  RetirementsRepository,
  type IdempotentResult,
  type RetirementRecord,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AdminPrincipal } from '../../auth/citizen-principal.js';
import { canonicalJson, sha256Hex } from '../../common/canonical-hash.js';

const toView = (r: RetirementRecord): RetirementView => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
});

/** The bureau's disposal right: regional pools of settled reductions, and retirements (注销) from them. */
@Injectable()
export class RetirementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerWriter,
    private readonly idempotency: IdempotencyStore,
    private readonly retirements: RetirementsRepository,
  ) {}

  /** Each region's pool; read through `manager` when given (the reports may read the standby). */
  async pools(manager?: EntityManager): Promise<PoolView[]> {
    const rows = await this.retirements.poolTotals(
      AccountKind.ReductionPool,
      AccountKind.RetiredReductions,
      manager,
    );
    return rows.map((r) => ({
      region: r.region,
      name: DISTRICTS[r.region] ?? null,
      accruedGrams: (BigInt(r.available) + BigInt(r.retired)).toString(),
      retiredGrams: r.retired,
      availableGrams: r.available,
    }));
  }

  /**
   * Retires grams from a region's pool against a named purpose, once per idempotency key: a replay
   * returns the same record; the same key with another request is a conflict; the pool never goes
   * below zero (checked under the pool's row lock, and by the database). Requests under one key
   * queue (a serialized run), so a concurrent repeat answers the first one's record and never
   * draws a serial of its own; the retirements' unique key stays the last line of defence.
   */
  async retire(
    admin: AdminPrincipal,
    key: string,
    region: string,
    body: { grams: string; purpose: string; beneficiary?: string },
  ): Promise<IdempotentResult<RetirementView>> {
    if (!isKnownDistrict(region))
      throw new DomainError(ErrorCode.DistrictUnknown, `unknown region ${region}`);
    const grams = BigInt(body.grams);
    const hash = sha256Hex(
      canonicalJson({
        region,
        grams: body.grams,
        purpose: body.purpose,
        beneficiary: body.beneficiary ?? null,
      }),
    );
    return this.idempotency.run(
      'admin:retirements',
      key,
      hash,
      async (m) => {
        // Locks the pool first: concurrent retirements from one region queue here, never overdraw it.
        const shards = await this.retirements.lockPool(m, AccountKind.ReductionPool, region);
        const available = shards.reduce((sum, s) => sum + s.grams, 0n);
        if (grams > available) {
          throw new DomainError(
            ErrorCode.PoolInsufficient,
            `the ${region} pool has ${available} g available, ${grams} g asked`,
            { availableGrams: available.toString() },
          );
        }
        const { id, serial } = await this.retirements.nextIdAndSerial(m, region);
        const { postingIds } = await this.ledger.post(m, [
          retirementPosting({
            retirementId: id,
            serial,
            region,
            grams,
            purpose: body.purpose,
            fromShards: drawFromShards(shards, grams),
          }),
        ]);
        const record = await this.retirements.insert(m, {
          id,
          serial,
          region,
          grams,
          purpose: body.purpose,
          beneficiary: body.beneficiary ?? null,
          idempotencyKey: key,
          requestHash: hash,
          postingId: postingIds.get(`retirement/${id}`)!,
          createdBy: admin.adminId,
        });
        return { statusCode: 201, body: toView(record) };
      },
      {
        serialized: true,
        reused: (stored) =>
          new DomainError(
            ErrorCode.IdempotencyKeyReused,
            'this Idempotency-Key was used for a different retirement',
            {
              serial: stored.serial,
            },
          ),
      },
    );
  }

  async find(serial: string): Promise<RetirementView> {
    const record = await this.retirements.findBySerial(serial);
    if (!record) throw new DomainError(ErrorCode.NotFound, `no retirement ${serial}`);
    return toView(record);
  }

  async list(region?: string): Promise<RetirementView[]> {
    return (await this.retirements.list(region)).map(toView);
  }

  /** Every ledger invariant, checked now. */
  reconcile(): Promise<ReconciliationReport> {
    return reconcile(this.dataSource.manager);
  }
}
