import { readFileSync } from 'node:fs';
import { withServer } from './databases.js';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** The server's shared writers: their work is every database's, but mostly the run's under load. */
const SHARED_WRITERS = ['walwriter', 'checkpointer', 'background writer'];

function ticksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0; // exited meanwhile
  }
}

/**
 * PostgreSQL CPU spent for one database: its backends (the API's or the raw writer's connections)
 * and the server's WAL writer, checkpointer and background writer. On a shared machine the
 * `postgres` line of CpuSampler also counts everyone else's tests; this one counts only what the
 * measured load makes PostgreSQL do (the shared writers aside). Start it once the load's
 * connections are open (after the warm-up).
 */
export class DatabaseCpuSampler {
  private constructor(
    private readonly before: Map<number, number>,
    private readonly started: number,
  ) {}

  static async start(database: string): Promise<DatabaseCpuSampler> {
    const pids = await withServer(async (client) => {
      const { rows } = await client.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
         WHERE (datname = $1 AND pid <> pg_backend_pid()) OR backend_type = ANY($2::text[])`,
        [database, SHARED_WRITERS],
      );
      return rows.map((r) => r.pid);
    });
    return new DatabaseCpuSampler(new Map(pids.map((pid) => [pid, ticksOf(pid)])), performance.now());
  }

  /** Cores used by those processes since start() (1.0 = one core busy the whole time). */
  stop(): number {
    const seconds = (performance.now() - this.started) / 1000;
    let ticks = 0;
    for (const [pid, before] of this.before) ticks += Math.max(0, ticksOf(pid) - before);
    return Math.round((ticks / TICKS_PER_SECOND / seconds) * 1000) / 1000;
  }
}

/** The database a connection URL names. */
export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}
