import { DomainError, ErrorCode, isCalendarDate, isKnownDistrict } from '@app/domain';
import { IdempotencyStore, TripStatisticsRepository, type IdempotentResult } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TripStatisticDto } from './dto/trip-statistics.dto.js';
import type { PartnerRequest } from './partner-principal.js';
import { partnerWriteKey } from './partner-write-key.js';

/**
 * Daily trip counts from partners that see every trip (map apps), for the plans' green-trip share.
 * A day's figure for a district replaces the partner's earlier figure: partners correct, never add.
 */
@Injectable()
export class TripStatisticsService {
  constructor(
    private readonly statistics: TripStatisticsRepository,
    private readonly idempotency: IdempotencyStore,
  ) {}

  /** Once per Idempotency-Key: a replay answers the first count; another body under the key is a 409. */
  record(
    request: PartnerRequest,
    key: string,
    body: { items: TripStatisticDto[] },
  ): Promise<IdempotentResult<{ recorded: number }>> {
    const { scope, requestHash } = partnerWriteKey(request, body);
    return this.idempotency.run(scope, key, requestHash, async (manager) => ({
      statusCode: 200,
      body: await this.replaceFigures(manager, request.partner!.partnerId, body.items),
    }));
  }

  private async replaceFigures(
    manager: EntityManager,
    partnerId: string,
    items: TripStatisticDto[],
  ): Promise<{ recorded: number }> {
    items.forEach((item, index) => {
      const field = (name: string) => ({ field: `items.${index}.${name}` });
      if (!isKnownDistrict(item.districtCode)) {
        throw new DomainError(
          ErrorCode.DistrictUnknown,
          `unknown district ${item.districtCode}`,
          field('districtCode'),
        );
      }
      if (!isCalendarDate(item.day)) {
        throw new DomainError(ErrorCode.ValidationFailed, `${item.day} is not a date`, field('day'));
      }
      if (item.greenTrips > item.totalTrips) {
        throw new DomainError(
          ErrorCode.ValidationFailed,
          'greenTrips exceeds totalTrips',
          field('greenTrips'),
        );
      }
    });
    const latest = new Map(items.map((item) => [`${item.day}/${item.districtCode}`, item]));
    const rows = [...latest.values()];
    await this.statistics.upsert(manager, partnerId, rows);
    return { recorded: rows.length };
  }
}
