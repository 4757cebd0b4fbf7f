import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** One partner's trip counts of one day in one district. */
export interface TripStatistic {
  day: string;
  districtCode: string;
  greenTrips: number;
  totalTrips: number;
}

/** Partners' daily trip counts by district (partner_trip_statistics). */
@Injectable()
export class TripStatisticsRepository {
  /** Writes the figures, each replacing the partner's earlier figure of its day and district. */
  async upsert(manager: EntityManager, partnerId: string, rows: readonly TripStatistic[]): Promise<void> {
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
  }
}
