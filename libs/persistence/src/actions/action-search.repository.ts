import { cstDayStart, DomainError, ErrorCode, isCalendarDate, isUuid, shiftDate } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActionSearchPageDto, ActionSearchQueryDto, ActionSearchRowDto } from './action-search.dto.js';

interface ActionRow {
  id: string;
  citizen_id: string;
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

/** The instants a range of China Standard Time dates covers: [start of `from`, start of the day after `to`). */
export function occurredBounds(from?: string, to?: string): { after: Date | null; before: Date | null } {
  for (const [field, day] of Object.entries({ from, to })) {
    if (day !== undefined && !isCalendarDate(day))
      throw new DomainError(ErrorCode.ValidationFailed, `${field} is not a calendar date`, {
        fields: [{ field, problems: ['not a calendar date'] }],
      });
  }
  if (from && to && from > to)
    throw new DomainError(ErrorCode.ValidationFailed, 'from is after to', {
      fields: [{ field: 'from', problems: ['after to'] }],
    });
  return {
    after: from ? cstDayStart(from) : null,
    before: to ? cstDayStart(shiftDate(to, 1)) : null,
  };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Every action, newest occurred first, paged by (occurred_at, id) so a page never skips or repeats a row. */
@Injectable()
export class ActionSearchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(query: ActionSearchQueryDto): Promise<ActionSearchPageDto> {
    const limit = query.limit ?? 50;
    const { after, before } = occurredBounds(query.from, query.to);
    const [cursorAt, cursorId] = query.cursor ? query.cursor.split('~') : [null, null];
    const citizen = query.citizen?.trim() || null;
    const citizenId = citizen && isUuid(citizen) ? citizen.toLowerCase() : null;
    const nickname = citizen && !citizenId ? `%${escapeLike(citizen)}%` : null;
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
        citizenId,
        nickname,
        query.district ?? null,
        query.methodology ?? null,
        query.source ?? null,
        query.status ?? null,
        after,
        before,
        cursorAt,
        cursorId,
        limit + 1,
      ],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toRow),
      nextCursor: rows.length > limit ? `${last.occurred_at.toISOString()}~${last.id}` : null,
    };
  }
}

function toRow(r: ActionRow): ActionSearchRowDto {
  return {
    id: r.id,
    citizenId: r.citizen_id,
    nickname: r.nickname,
    districtCode: r.district_code.trim(),
    methodology: r.methodology_id,
    source: r.source,
    status: r.status,
    reasonCode: r.reason_code,
    occurredAt: r.occurred_at.toISOString(),
    receivedAt: r.received_at.toISOString(),
    settledAt: r.settled_at?.toISOString() ?? null,
    grams: r.grams,
    points: r.points,
  };
}
