import { WERUN_SOURCE } from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actionColumnList, actionColumnsOf, selectAction, type ActionRowOf } from './action-row.js';

/** A WeRun report of one day, as the inbox holds it. */
export interface WerunReport {
  id: string;
  date: string;
  steps: number;
  /** The watermark time of the data it came from (seconds), to refuse an older payload sent late. */
  watermark: number;
}

export interface NewWerunReport {
  date: string;
  steps: number;
  occurredAt: Date;
  requestHash: string;
  /** Earlier reports of the same day, which the worker supersedes with this one. */
  replaces: string[];
  revision: number;
}

const a = actionColumnsOf();

/**
 * The WeRun rows of the actions inbox: one walking action per report, the latest of a day in force.
 * Every method runs inside the sync's transaction.
 */
@Injectable()
export class WerunReportsRepository {
  /** Serialises one citizen's syncs, so two at once cannot both find "no earlier report". */
  async lock(manager: EntityManager, citizenId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('werun:' || $1, 0))`, [citizenId]);
  }

  /** Every earlier report of these days, oldest first. */
  async earlier(
    manager: EntityManager,
    citizenId: string,
    dates: string[],
  ): Promise<Map<string, WerunReport[]>> {
    const rows = await manager.query<WerunReport[]>(
      `SELECT ${a.id} AS id, ${a.payload}->>'date' AS date, (${a.payload}->>'steps')::int AS steps,
              COALESCE((${a.evidence}->>'watermark')::bigint, 0)::float8 AS watermark
       FROM actions
       WHERE ${a.citizenId} = $1 AND ${a.source} = $2 AND ${a.payload}->>'date' = ANY($3::text[])
       ORDER BY ${a.receivedAt}, ${a.id}`,
      [citizenId, WERUN_SOURCE, dates],
    );
    const byDate = new Map<string, WerunReport[]>();
    for (const row of rows) byDate.set(row.date, [...(byDate.get(row.date) ?? []), row]);
    return byDate;
  }

  /** Writes the reports as received walking actions; returns their ids in the order given. */
  async insert(
    manager: EntityManager,
    citizenId: string,
    districtCode: string,
    watermark: number,
    reports: NewWerunReport[],
  ): Promise<string[]> {
    if (!reports.length) return [];
    const columns = actionColumnList(
      'citizenId',
      'districtCode',
      'methodologyId',
      'source',
      'idempotencyScope',
      'idempotencyKey',
      'requestHash',
      'payload',
      'evidence',
      'occurredAt',
      'replaces',
    );
    const rows = await manager.query<ActionRowOf<'id' | 'idempotencyKey'>[]>(
      `INSERT INTO actions (${columns})
       SELECT $1, $2, 'walking', $3, $4, v.k, v.h, v.p, $5, v.o, v.r::uuid[]
       FROM unnest($6::text[], $7::text[], $8::jsonb[], $9::timestamptz[], $10::text[]) AS v(k, h, p, o, r)
       RETURNING ${selectAction(null, 'id', 'idempotencyKey')}`,
      [
        citizenId,
        districtCode,
        WERUN_SOURCE,
        `${WERUN_SOURCE}:${citizenId}`,
        JSON.stringify({ kind: 'wechat-werun', watermark }),
        reports.map((r) => `${r.date}#${r.revision}`),
        reports.map((r) => r.requestHash),
        reports.map((r) => JSON.stringify({ date: r.date, steps: r.steps })),
        reports.map((r) => r.occurredAt),
        reports.map((r) => (r.replaces.length ? `{${r.replaces.join(',')}}` : null)),
      ],
    );
    const ids = new Map(rows.map((r) => [r.idempotencyKey, r.id]));
    return reports.map((r) => ids.get(`${r.date}#${r.revision}`)!);
  }
}
