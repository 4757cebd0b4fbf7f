import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Where the standby's replay stands against a WAL position of the primary. */
export interface StandbyPosition {
  /** false: the server is not a standby (promoted, or a primary named by mistake). */
  inRecovery: boolean;
  /** The standby has replayed at least up to the primary position it was compared with. */
  caughtUp: boolean;
  /** Commit time (primary's clock) of the last transaction the standby replayed; null: none yet. */
  replayedAt: Date | null;
  /** The standby's clock when it answered. */
  now: Date;
}

/** The two questions the read replica's lag is measured with (ReadReplica caches the answer briefly). */
@Injectable()
export class ReplicaLagRepository {
  /** The primary's current WAL write position, as text (pg_lsn). */
  async primaryPosition(primary: EntityManager): Promise<string> {
    const [row] = await primary.query<{ lsn: string }[]>(`SELECT pg_current_wal_lsn()::text AS lsn`);
    return row.lsn;
  }

  /** The standby's replay against the primary's position (null: unknown, never "caught up"). */
  async standbyPosition(standby: EntityManager, primaryLsn: string | null): Promise<StandbyPosition> {
    const [row] = await standby.query<
      { in_recovery: boolean; caught_up: boolean; replayed_at: Date | null; now: Date }[]
    >(
      `SELECT pg_is_in_recovery() AS in_recovery,
              coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS caught_up,
              pg_last_xact_replay_timestamp() AS replayed_at,
              clock_timestamp() AS now`,
      [primaryLsn],
    );
    return {
      inRecovery: row.in_recovery,
      caughtUp: row.caught_up,
      replayedAt: row.replayed_at,
      now: row.now,
    };
  }
}
