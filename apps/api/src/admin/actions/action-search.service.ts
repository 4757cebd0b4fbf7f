import { cstDayStart, DomainError, ErrorCode, isCalendarDate, isUuid, shiftDate } from '@app/domain';
import { ActionSearchRepository, type ActionSearchRow } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type {
  ActionSearchPageDto,
  ActionSearchQueryDto,
  ActionSearchRowDto,
} from './dto/action-search.dto.js';

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

/** 行为查询: every action, newest occurred first, paged by a keyset cursor (occurredAt~id). */
@Injectable()
export class ActionSearchService {
  constructor(private readonly actions: ActionSearchRepository) {}

  async search(query: ActionSearchQueryDto): Promise<ActionSearchPageDto> {
    const limit = query.limit ?? 50;
    const { after, before } = occurredBounds(query.from, query.to);
    const [cursorAt, cursorId] = query.cursor ? query.cursor.split('~') : [null, null];
    const citizen = query.citizen?.trim() || null;
    const citizenId = citizen && isUuid(citizen) ? citizen.toLowerCase() : null;
    const nickname = citizen && !citizenId ? `%${escapeLike(citizen)}%` : null;
    const rows = await this.actions.search(
      {
        citizenId,
        nicknamePattern: nickname,
        district: query.district ?? null,
        methodology: query.methodology ?? null,
        source: query.source ?? null,
        status: query.status ?? null,
        occurredAfter: after,
        occurredBefore: before,
      },
      cursorAt !== null && cursorId !== null ? { occurredAt: cursorAt, id: cursorId } : null,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toRow),
      nextCursor: rows.length > limit ? `${last.occurredAt.toISOString()}~${last.id}` : null,
    };
  }
}

function toRow(r: ActionSearchRow): ActionSearchRowDto {
  return {
    id: r.id,
    citizenId: r.citizenId,
    nickname: r.nickname,
    districtCode: r.districtCode.trim(),
    methodology: r.methodologyId,
    source: r.source,
    status: r.status,
    reasonCode: r.reasonCode,
    occurredAt: r.occurredAt.toISOString(),
    receivedAt: r.receivedAt.toISOString(),
    settledAt: r.settledAt?.toISOString() ?? null,
    grams: r.grams,
    points: r.points,
  };
}
