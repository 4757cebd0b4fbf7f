import { CpuSampler } from './cpu.js';
import { percentile, round } from './timing.js';

export interface BatchLoopResult {
  settled: number;
  batches: number;
  wallMs: number;
  seconds: number;
  perSecond: number;
  batchMs: { p50: number; p99: number; max: number; mean: number };
  /** Sum of the batches' own times. */
  batchTotalMs: number;
  cpuCores: Record<string, number>;
}

/**
 * Calls `settleBatch` until it settles nothing, timing each batch and the whole run (wall clock and
 * CPU by process), reporting progress every 2 s: the measurement (a) and (b) share. With `streams`
 * > 1, that many loops run at once (two workers); a stream whose batch came back empty tries again
 * shortly while another is still settling (a lane it holds may be all that is left), as a worker's
 * retry does, and all stop once every stream's last batch was empty.
 */
export async function runBatchLoop(
  settleBatch: () => Promise<number>,
  onProgress: (settled: number, seconds: number) => void,
  onBatch: (elapsedMs: number) => void = () => undefined,
  streams = 1,
): Promise<BatchLoopResult> {
  const batchMs: number[] = [];
  let settled = 0;
  const cpu = new CpuSampler({});
  const started = performance.now();
  let lastReport = started;
  const idle = new Array<boolean>(streams).fill(false);
  const stream = async (i: number) => {
    for (;;) {
      const batchStarted = performance.now();
      const n = await settleBatch();
      const elapsed = performance.now() - batchStarted;
      idle[i] = !n;
      if (!n) {
        if (idle.every(Boolean)) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      batchMs.push(elapsed);
      onBatch(elapsed);
      settled += n;
      if (performance.now() - lastReport > 2_000) {
        lastReport = performance.now();
        onProgress(settled, (lastReport - started) / 1000);
      }
    }
  };
  await Promise.all(Array.from({ length: streams }, (_, i) => stream(i)));
  const wallMs = performance.now() - started;
  const cpuCores = cpu.stop();
  const sorted = [...batchMs].sort((a, b) => a - b);
  const batchTotalMs = sorted.reduce((s, v) => s + v, 0);
  return {
    settled,
    batches: batchMs.length,
    wallMs,
    seconds: round(wallMs / 1000, 3),
    perSecond: round(settled / (wallMs / 1000)),
    batchMs: {
      p50: round(percentile(sorted, 50), 1),
      p99: round(percentile(sorted, 99), 1),
      max: round(sorted.at(-1) ?? 0, 1),
      mean: round(batchTotalMs / Math.max(sorted.length, 1), 1),
    },
    batchTotalMs,
    cpuCores,
  };
}
