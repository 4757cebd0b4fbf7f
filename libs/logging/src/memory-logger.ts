import type { LoggerService } from '@nestjs/common';

/** A Nest logger that keeps what is logged in memory, in order, so a test can read it. */
export class MemoryLogger implements LoggerService {
  readonly entries: { level: 'log' | 'error' | 'warn'; message: unknown }[] = [];

  log(message: unknown): void {
    this.entries.push({ level: 'log', message });
  }

  error(message: unknown): void {
    this.entries.push({ level: 'error', message });
  }

  warn(message: unknown): void {
    this.entries.push({ level: 'warn', message });
  }

  /** The messages logged at one level. */
  at(level: 'log' | 'error' | 'warn'): unknown[] {
    return this.entries.filter((e) => e.level === level).map((e) => e.message);
  }
}
