import { log } from './world.js';

/**
 * Faults fired by progress rather than by the clock: each runs once the load has reached its count
 * (e.g. accepted actions), one after another, without holding up the load that triggers them.
 */
export class FaultSchedule {
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown;
  private next = 0;
  readonly fired: string[] = [];

  constructor(private readonly faults: { at: number; name: string; run: () => Promise<void> }[]) {
    this.faults.sort((a, b) => a.at - b.at);
  }

  /** Call with the current count; starts every fault whose threshold it has reached. */
  progress(count: number): void {
    while (this.next < this.faults.length && count >= this.faults[this.next].at) {
      const fault = this.faults[this.next++];
      this.chain = this.chain.then(async () => {
        if (this.failure !== undefined) return;
        log(`fault at ${count}: ${fault.name}`);
        try {
          await fault.run();
          this.fired.push(fault.name);
        } catch (error) {
          this.failure = error;
        }
      });
    }
  }

  /** Waits for the faults started so far; rethrows the first that failed. */
  async settle(): Promise<void> {
    await this.chain;
    if (this.failure !== undefined) throw this.failure;
  }
}
