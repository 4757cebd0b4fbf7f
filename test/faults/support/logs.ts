import { sleep, type ManagedProcess } from './processes.js';

export type LogLine = Record<string, unknown> & { msg?: string; event?: string };

/** The JSON lines a process writes from now on (anything else is kept as { raw }). */
export function jsonLines(process: ManagedProcess): LogLine[] {
  const lines: LogLine[] = [];
  process.onLine((line) => {
    try {
      lines.push(JSON.parse(line) as LogLine);
    } catch {
      lines.push({ raw: line });
    }
  });
  return lines;
}

/** Polls until the probe answers something other than undefined; throws after the timeout. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** The start-up wait's retry lines that name this dependency as down. */
export const waitingFor = (lines: LogLine[], name: string) =>
  lines.filter((l) => l.event === 'startup.waiting' && (l.errors as Record<string, string>)?.[name]);
