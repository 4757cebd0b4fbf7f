import type { PoolView, RetirementView } from '@app/contracts';
import { DISTRICTS, DomainError, ErrorCode, isKnownDistrict } from '@app/domain';
import { AccountKind, LedgerWriter, retirementPosting } from '@app/ledger';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AdminPrincipal } from '../../auth/citizen-principal.js';
import { canonicalJson, sha256Hex } from '../../common/canonical-hash.js';

const toView = (r: Record<string, unknown>): RetirementView => ({
  id: r.id as string,
  serial: r.serial as string,
  region: (r.region as string).trim(),
  grams: String(r.grams),
  purpose: r.purpose as string,
  beneficiary: (r.beneficiary as string | null) ?? null,
  createdBy: r.created_by as string,
  createdAt: (r.created_at as Date).toISOString(),
  postingId: String(r.posting_id),
});

/** The bureau's disposal right: regional pools of settled reductions, and retirements (注销) from them. */
@Injectable()
export class RetirementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerWriter,
  ) {}

  async pools(): Promise<PoolView[]> {
    const rows = await this.dataSource.query<{ region: string; available: string; retired: string }[]>(
      `SELECT owner AS region,
              coalesce(-sum(balance) FILTER (WHERE kind = $1), 0)::text AS available,
              coalesce(-sum(balance) FILTER (WHERE kind = $2), 0)::text AS retired
       FROM accounts WHERE kind IN ($1, $2) GROUP BY owner ORDER BY owner`,
      [AccountKind.ReductionPool, AccountKind.RetiredReductions],
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
   * below zero (checked under the pool's row lock, and by the database).
   */
  async retire(
    admin: AdminPrincipal,
    key: string,
    region: string,
    body: { grams: string; purpose: string; beneficiary?: string },
  ): Promise<{ retirement: RetirementView; replayed: boolean }> {
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
    return this.dataSource.transaction(async (m) => {
      // Requests under one key queue here, so a concurrent repeat sees the first one's record (a replay)
      // instead of tripping over the unique key.
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('retirement:' || $1, 0))`, [key]);
      const [existing] = await m.query<Record<string, unknown>[]>(
        `SELECT * FROM retirements WHERE idempotency_key = $1`,
        [key],
      );
      if (existing) {
        if (existing.request_hash !== hash) {
          throw new DomainError(
            ErrorCode.IdempotencyKeyReused,
            'this Idempotency-Key was used for a different retirement',
            { serial: existing.serial },
          );
        }
        return { retirement: toView(existing), replayed: true };
      }
      // Locks the pool first: concurrent retirements from one region queue here, never overdraw it.
      const [pool] = await m.query<{ balance: string }[]>(
        `SELECT balance FROM accounts WHERE kind = $1 AND owner = $2 FOR UPDATE`,
        [AccountKind.ReductionPool, region],
      );
      const available = pool ? -BigInt(pool.balance) : 0n;
      if (grams > available) {
        throw new DomainError(
          ErrorCode.PoolInsufficient,
          `the ${region} pool has ${available} g available, ${grams} g asked`,
          {
            availableGrams: available.toString(),
          },
        );
      }
      const [{ id, serial }] = await m.query<{ id: string; serial: string }[]>(
        `SELECT gen_random_uuid() AS id,
                'SD-' || $1 || '-' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY') || '-' || lpad(nextval('retirement_serial')::text, 6, '0') AS serial`,
        [region],
      );
      const { postingIds } = await this.ledger.post(m, [
        retirementPosting({ retirementId: id, serial, region, grams, purpose: body.purpose }),
      ]);
      const [row] = await m.query<Record<string, unknown>[]>(
        `INSERT INTO retirements (id, serial, region, grams, purpose, beneficiary, idempotency_key, request_hash, posting_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
        [
          id,
          serial,
          region,
          grams.toString(),
          body.purpose,
          body.beneficiary ?? null,
          key,
          hash,
          postingIds.get(`retirement/${id}`),
          admin.adminId,
        ],
      );
      return { retirement: toView(row), replayed: false };
    });
  }

  async find(serial: string): Promise<RetirementView> {
    const [row] = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT * FROM retirements WHERE serial = $1`,
      [serial],
    );
    if (!row) throw new DomainError(ErrorCode.NotFound, `no retirement ${serial}`);
    return toView(row);
  }

  async list(region?: string): Promise<RetirementView[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT * FROM retirements WHERE ($1::text IS NULL OR region = $1) ORDER BY created_at DESC LIMIT 500`,
      [region ?? null],
    );
    return rows.map(toView);
  }
}
