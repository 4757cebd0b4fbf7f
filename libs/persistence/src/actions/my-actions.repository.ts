import type { ActionStatus } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actionColumnsOf, selectAction, type ActionRowOf } from './action-row.js';

const LISTED = [
  'id',
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

/** One of a citizen's actions as their own list shows it. */
export type CitizenActionRow = ActionRowOf<(typeof LISTED)[number]> & {
  /** receivedAt in UTC to the microsecond, for a cursor that loses nothing. */
  receivedKey: string;
};

const a = actionColumnsOf();

/** A citizen's own actions, newest received first, paged by (receivedAt, id). */
@Injectable()
export class MyActionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Up to `limit` actions received before (`after.receivedAt`, `after.id`) when given. */
  page(
    citizenId: string,
    status: ActionStatus | null,
    after: { receivedAt: string; id: string } | null,
    limit: number,
  ): Promise<CitizenActionRow[]> {
    return this.dataSource.query<CitizenActionRow[]>(
      `SELECT ${selectAction(null, ...LISTED)},
              to_char(${a.receivedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "receivedKey"
       FROM actions
       WHERE ${a.citizenId} = $1 AND ($2::text IS NULL OR ${a.status} = $2)
         AND ($3::timestamptz IS NULL OR (${a.receivedAt}, ${a.id}) < ($3::timestamptz, $4::uuid))
       ORDER BY ${a.receivedAt} DESC, ${a.id} DESC LIMIT $5`,
      [citizenId, status, after?.receivedAt ?? null, after?.id ?? null, limit],
    );
  }
}
