import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

interface ActionRow {
  id: string;
  citizen_id: string | null;
  nickname: string | null;
  district_code: string;
  methodology_id: string;
  source: string;
  status: string;
  reason_code: string | null;
  occurred_at: Date;
  received_at: Date;
  settled_at: Date | null;
  grams: string | null;
  points: string | null;
}

/** The filters of the admin's action search; null means "any". */
export interface ActionSearchFilter {
  citizenId: string | null;
  /** An ILIKE pattern over the nickname, already escaped and wrapped in %…%. */
  nicknamePattern: string | null;
  district: string | null;
  methodology: string | null;
  source: string | null;
  status: string | null;
  occurredAfter: Date | null;
  occurredBefore: Date | null;
}

export interface ActionSearchRow {
  id: string;
  /** Null for an organisation's action. */
  citizenId: string | null;
  nickname: string | null;
  districtCode: string;
  methodologyId: string;
  source: string;
  status: string;
  reasonCode: string | null;
  occurredAt: Date;
  receivedAt: Date;
  settledAt: Date | null;
  /** bigints as decimal strings */
  grams: string | null;
  points: string | null;
}

/** Every action, newest occurred first, paged by (occurred_at, id) so a page never skips or repeats a row. */
@Injectable()
export class ActionSearchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Up to `limit` rows strictly after the keyset `after` (occurredAt as an ISO instant, id). */
  async search(
    filter: ActionSearchFilter,
    after: { occurredAt: string; id: string } | null,
    limit: number,
  ): Promise<ActionSearchRow[]> {
    const rows = await this.dataSource.query<ActionRow[]>(
      `SELECT a.id, a.citizen_id, p.nickname, a.district_code, a.methodology_id, a.source, a.status, a.reason_code,
              a.occurred_at, a.received_at, a.settled_at, a.grams::text, a.points::text
         FROM actions a LEFT JOIN citizen_profiles p ON p.citizen_id = a.citizen_id
        WHERE ($1::uuid IS NULL OR a.citizen_id = $1)
          AND ($2::text IS NULL OR p.nickname ILIKE $2)
          AND ($3::text IS NULL OR a.district_code = $3)
          AND ($4::text IS NULL OR a.methodology_id = $4)
          AND ($5::text IS NULL OR a.source = $5)
          AND ($6::text IS NULL OR a.status = $6)
          AND ($7::timestamptz IS NULL OR a.occurred_at >= $7)
          AND ($8::timestamptz IS NULL OR a.occurred_at < $8)
          AND ($9::timestamptz IS NULL OR (a.occurred_at, a.id) < ($9, $10::uuid))
        ORDER BY a.occurred_at DESC, a.id DESC
        LIMIT $11`,
      [
        filter.citizenId,
        filter.nicknamePattern,
        filter.district,
        filter.methodology,
        filter.source,
        filter.status,
        filter.occurredAfter,
        filter.occurredBefore,
        after?.occurredAt ?? null,
        after?.id ?? null,
        limit,
      ],
    );
    return rows.map((r) => ({
      id: r.id,
      citizenId: r.citizen_id,
      nickname: r.nickname,
      districtCode: r.district_code,
      methodologyId: r.methodology_id,
      source: r.source,
      status: r.status,
      reasonCode: r.reason_code,
      occurredAt: r.occurred_at,
      receivedAt: r.received_at,
      settledAt: r.settled_at,
      grams: r.grams,
      points: r.points,
    }));
  }
}
