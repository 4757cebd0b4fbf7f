import { localDay, type CapUsage } from '@app/methodologies';
import type { EntityManager } from 'typeorm';

interface UsageRow {
  citizen_id: string;
  methodology_id: string;
  day: string;
  self: boolean;
  grams: string;
}

/**
 * Grams already credited or held for review, per citizen, methodology and local day, for the months
 * a batch touches. The batch adds to it as it credits, so later actions in the same batch see the
 * earlier ones.
 */
export class UsageLedger {
  private readonly days = new Map<string, { all: bigint; self: bigint }>();
  private readonly months = new Map<string, bigint>();

  static async load(manager: EntityManager, citizens: string[], instants: Date[]): Promise<UsageLedger> {
    const usage = new UsageLedger();
    if (!instants.length) return usage;
    const first = localDay(new Date(Math.min(...instants.map((d) => d.getTime())))).slice(0, 7);
    const last = localDay(new Date(Math.max(...instants.map((d) => d.getTime())))).slice(0, 7);
    const rows = await manager.query<UsageRow[]>(
      `SELECT citizen_id, methodology_id,
              to_char(occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day,
              source = 'self' AS self, sum(grams)::text AS grams
       FROM actions
       WHERE citizen_id = ANY($1::uuid[]) AND status IN ('quantified', 'settled', 'review') AND grams > 0
         AND occurred_at >= ($2 || '-01')::date AT TIME ZONE 'Asia/Shanghai'
         AND occurred_at < (($3 || '-01')::date + interval '1 month') AT TIME ZONE 'Asia/Shanghai'
       GROUP BY 1, 2, 3, 4`,
      [citizens, first, last],
    );
    for (const row of rows)
      usage.add(row.citizen_id, row.methodology_id, row.day, row.self, BigInt(row.grams));
    return usage;
  }

  get(citizen: string, methodology: string, day: string): CapUsage {
    const d = this.days.get(`${citizen}|${methodology}|${day}`);
    return {
      day: d?.all ?? 0n,
      selfDay: d?.self ?? 0n,
      month: this.months.get(`${citizen}|${methodology}|${day.slice(0, 7)}`) ?? 0n,
    };
  }

  add(citizen: string, methodology: string, day: string, self: boolean, grams: bigint): void {
    const key = `${citizen}|${methodology}|${day}`;
    const d = this.days.get(key) ?? { all: 0n, self: 0n };
    d.all += grams;
    if (self) d.self += grams;
    this.days.set(key, d);
    const monthKey = `${citizen}|${methodology}|${day.slice(0, 7)}`;
    this.months.set(monthKey, (this.months.get(monthKey) ?? 0n) + grams);
  }
}
