import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { reportInvariantBreach } from './invariant-breaches.js';

/**
 * A job the worker runs on a timer from Postgres state alone, so it works whatever Redis holds.
 * Runs never overlap within a process; a failed run is logged and the next tick tries again.
 */
export abstract class PeriodicTask implements OnApplicationBootstrap, OnModuleDestroy {
  protected readonly logger = new Logger(this.constructor.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  protected abstract intervalMs(): number;
  protected abstract runScheduled(): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs());
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.runScheduled();
    } catch (error) {
      if (reportInvariantBreach(this.logger, error, this.constructor.name)) return;
      this.logger.warn(`${this.constructor.name} run failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
