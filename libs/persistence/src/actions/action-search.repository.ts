import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actionColumnsOf, selectAction, type ActionRowOf } from './action-row.js';

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

const LISTED = [
  'id',
  'citizenId',
  'districtCode',
  'methodologyId',
  'source',
  'status',
  'reasonCode',
  'occurredAt',
  'receivedAt',
  'settledAt',
  'grams',
  'points',
] as const;

/** An action as the search lists it, with its citizen's nickname; bigints as decimal strings. */
export type ActionSearchRow = ActionRowOf<(typeof LISTED)[number]> & { nickname: string | null };

const a = actionColumnsOf('a');

/** Every action, newest occurred first, paged by (occurredAt, id) so a page never skips or repeats a row. */
@Injectable()
export class ActionSearchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Up to `limit` rows strictly after the keyset `after` (occurredAt as an ISO instant, id). */
  search(
    filter: ActionSearchFilter,
    after: { occurredAt: string; id: string } | null,
    limit: number,
  ): Promise<ActionSearchRow[]> {
    return this.dataSource.query<ActionSearchRow[]>(
      `SELECT ${selectAction('a', ...LISTED)}, p.nickname
         FROM actions a LEFT JOIN citizen_profiles p ON p.citizen_id = ${a.citizenId}
        WHERE ($1::uuid IS NULL OR ${a.citizenId} = $1)
          AND ($2::text IS NULL OR p.nickname ILIKE $2)
          AND ($3::text IS NULL OR ${a.districtCode} = $3)
          AND ($4::text IS NULL OR ${a.methodologyId} = $4)
          AND ($5::text IS NULL OR ${a.source} = $5)
          AND ($6::text IS NULL OR ${a.status} = $6)
          AND ($7::timestamptz IS NULL OR ${a.occurredAt} >= $7)
          AND ($8::timestamptz IS NULL OR ${a.occurredAt} < $8)
          AND ($9::timestamptz IS NULL OR (${a.occurredAt}, ${a.id}) < ($9, $10::uuid))
        ORDER BY ${a.occurredAt} DESC, ${a.id} DESC
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
  }
}
