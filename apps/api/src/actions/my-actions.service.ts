import { ActionStatus } from '@app/domain';
import { MyActionsRepository, type CitizenActionRow } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { instantOf } from '../common/instants.js';
import type { MyActionDto, MyActionsPageDto } from './dto/my-actions.dto.js';

/** A citizen's own actions, newest received first, paged by (received_at, id). */
@Injectable()
export class MyActionsService {
  constructor(private readonly actions: MyActionsRepository) {}

  async page(
    citizen: CitizenPrincipal,
    query: { limit?: number; cursor?: string; status?: ActionStatus },
  ): Promise<MyActionsPageDto> {
    const limit = query.limit ?? 20;
    let after: { receivedAt: string; id: string } | null = null;
    if (query.cursor) {
      const [receivedAt, id] = query.cursor.split('_');
      instantOf('cursor', receivedAt);
      after = { receivedAt, id };
    }
    const rows = await this.actions.page(citizen.citizenId, query.status ?? null, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toView),
      nextCursor: rows.length > limit && last ? `${last.receivedKey}_${last.id}` : null,
    };
  }
}

/** Credited figures only for a settled action: a rejected or pending one shows none. */
function toView(row: CitizenActionRow): MyActionDto {
  const credited = row.status === ActionStatus.Settled;
  return {
    id: row.id,
    methodology: row.methodologyId,
    source: row.source,
    status: row.status,
    reasonCode: row.reasonCode,
    occurredAt: row.occurredAt.toISOString(),
    receivedAt: row.receivedAt.toISOString(),
    settledAt: row.settledAt?.toISOString() ?? null,
    grams: credited ? row.grams : null,
    points: credited ? row.points : null,
  };
}
