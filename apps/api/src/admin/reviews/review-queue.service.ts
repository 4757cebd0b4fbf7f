import { ReviewQueueRepository, type ReviewQueueRow } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { claimPeriod, keyInputs, outlierOf } from './review-insights.js';
import type { ReviewItemDto, ReviewPageDto, ReviewQueryDto } from './dto/review-queue.dto.js';

/** The review queue as a reviewer reads it: filtered, sorted, paged by (sort value, id), with insights. */
@Injectable()
export class ReviewQueueService {
  constructor(private readonly queue: ReviewQueueRepository) {}

  async page(query: ReviewQueryDto): Promise<ReviewPageDto> {
    const limit = query.limit ?? 50;
    const filter = {
      methodology: query.methodology ?? null,
      district: query.district ?? null,
      source: query.source ?? null,
      minGrams: query.minGrams ?? null,
      maxGrams: query.maxGrams ?? null,
      minAgeHours: query.minAgeHours ?? null,
    };
    const [cursorValue, cursorId] = query.cursor ? query.cursor.split('~') : [null, null];
    const after = cursorValue !== null && cursorId !== null ? { sortValue: cursorValue, id: cursorId } : null;
    const [rows, total] = await Promise.all([
      this.queue.page(filter, query.sort ?? 'oldest', after, limit + 1),
      this.queue.count(filter),
    ]);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toItem),
      nextCursor: rows.length > limit ? `${last.sortValue}~${last.id}` : null,
      total,
    };
  }
}

function toItem(r: ReviewQueueRow): ReviewItemDto {
  return {
    actionId: r.id,
    methodology: r.methodologyId,
    districtCode: r.districtCode.trim(),
    source: r.source,
    requestedGrams: r.requestedGrams,
    grams: r.grams,
    points: r.points,
    capApplied: r.capApplied,
    data: r.payload,
    evidence: r.evidence,
    occurredAt: r.occurredAt.toISOString(),
    receivedAt: r.receivedAt.toISOString(),
    period: claimPeriod(r.payload, { start: r.intervalStart, end: r.intervalEnd }),
    keyInputs: keyInputs(r.payload),
    outlier: outlierOf(r.methodologyId, r.payload, r.params),
  };
}
