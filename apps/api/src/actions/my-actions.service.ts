import { ActionStatus } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { instantOf } from '../common/instants.js';
import type { MyActionDto, MyActionsPageDto } from './dto/my-actions.dto.js';

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
export class MyActionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(
    citizen: CitizenPrincipal,
    query: { limit?: number; cursor?: string; status?: ActionStatus },
  ): Promise<MyActionsPageDto> {
    const limit = query.limit ?? 20;
    const [afterAt, afterId] = query.cursor ? query.cursor.split('_') : [null, null];
    if (afterAt) instantOf('cursor', afterAt);
    const rows = await this.dataSource.query<ActionRow[]>(
      `SELECT id, methodology_id, source, status, reason_code, occurred_at, received_at, settled_at,
              grams::text, points::text,
              to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS received_key
       FROM actions
       WHERE citizen_id = $1 AND ($2::text IS NULL OR status = $2)
         AND ($3::timestamptz IS NULL OR (received_at, id) < ($3::timestamptz, $4::uuid))
       ORDER BY received_at DESC, id DESC LIMIT $5`,
      [citizen.citizenId, query.status ?? null, afterAt, afterId, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toView),
      nextCursor: rows.length > limit && last ? `${last.received_key}_${last.id}` : null,
    };
  }
}

/** Credited figures only for a settled action: a rejected or pending one shows none. */
function toView(row: ActionRow): MyActionDto {
  const credited = row.status === ActionStatus.Settled;
  return {
    id: row.id,
    methodology: row.methodology_id,
    source: row.source,
    status: row.status,
    reasonCode: row.reason_code,
    occurredAt: row.occurred_at.toISOString(),
    receivedAt: row.received_at.toISOString(),
    settledAt: row.settled_at?.toISOString() ?? null,
    grams: credited ? row.grams : null,
    points: credited ? row.points : null,
  };
}
