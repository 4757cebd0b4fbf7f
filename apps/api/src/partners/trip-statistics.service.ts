import { DomainError, ErrorCode, isCalendarDate, isKnownDistrict } from '@app/domain';
import { TripStatisticsRepository } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TripStatisticDto } from './dto/trip-statistics.dto.js';

/**
 * Daily trip counts from partners that see every trip (map apps), for the plans' green-trip share.
 * A day's figure for a district replaces the partner's earlier figure: partners correct, never add.
 */
@Injectable()
export class TripStatisticsService {
  constructor(private readonly statistics: TripStatisticsRepository) {}

  async record(
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
