import { DomainError, ErrorCode, isCalendarDate, isKnownDistrict } from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TripStatisticDto } from './dto/trip-statistics.dto.js';

/**
 * Daily trip counts from partners that see every trip (map apps), for the plans' green-trip share.
 * A day's figure for a district replaces the partner's earlier figure: partners correct, never add.
 */
@Injectable()
export class TripStatisticsService {
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
    await manager.query(
      `INSERT INTO partner_trip_statistics (partner_id, day, district_code, green_trips, total_trips)
       SELECT $1, d, c, g, t FROM unnest($2::date[], $3::text[], $4::bigint[], $5::bigint[]) AS v(d, c, g, t)
       ON CONFLICT (partner_id, day, district_code) DO UPDATE
         SET green_trips = excluded.green_trips, total_trips = excluded.total_trips, reported_at = now()`,
      [
        partnerId,
        rows.map((row) => row.day),
        rows.map((row) => row.districtCode),
        rows.map((row) => row.greenTrips),
        rows.map((row) => row.totalTrips),
      ],
    );
    return { recorded: rows.length };
  }
}
