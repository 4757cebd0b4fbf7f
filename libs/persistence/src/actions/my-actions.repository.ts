import type { ActionStatus } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** One of a citizen's actions as their own list shows it. */
export interface CitizenActionRow {
  id: string;
  methodologyId: string;
  source: string;
  status: ActionStatus;
  reasonCode: string | null;
  occurredAt: Date;
  receivedAt: Date;
  /** received_at in UTC to the microsecond, for a cursor that loses nothing. */
  receivedKey: string;
  settledAt: Date | null;
  grams: string | null;
  points: string | null;
}

interface ActionRow {
  id: string;
  methodology_id: string;
  source: string;
  status: ActionStatus;
  reason_code: string | null;
  occurred_at: Date;
  received_at: Date;
  received_key: string;
  settled_at: Date | null;
  grams: string | null;
  points: string | null;
}

/** A citizen's own actions, newest received first, paged by (received_at, id). */
@Injectable()
export class MyActionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Up to `limit` actions received before (`after.receivedAt`, `after.id`) when given. */
  async page(
    citizenId: string,
    status: ActionStatus | null,
    after: { receivedAt: string; id: string } | null,
    limit: number,
  ): Promise<CitizenActionRow[]> {
    const rows = await this.dataSource.query<ActionRow[]>(
      `SELECT id, methodology_id, source, status, reason_code, occurred_at, received_at, settled_at,
              grams::text, points::text,
              to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS received_key
       FROM actions
       WHERE citizen_id = $1 AND ($2::text IS NULL OR status = $2)
         AND ($3::timestamptz IS NULL OR (received_at, id) < ($3::timestamptz, $4::uuid))
       ORDER BY received_at DESC, id DESC LIMIT $5`,
      [citizenId, status, after?.receivedAt ?? null, after?.id ?? null, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      methodologyId: row.methodology_id,
      source: row.source,
      status: row.status,
      reasonCode: row.reason_code,
      occurredAt: row.occurred_at,
      receivedAt: row.received_at,
      receivedKey: row.received_key,
      settledAt: row.settled_at,
      grams: row.grams,
      points: row.points,
    }));
  }
}
