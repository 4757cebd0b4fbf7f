import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const TAIL_LINES = 200;

/** Every child this suite started and that has not exited yet, so nothing outlives a failed test. */
const live = new Set<ManagedProcess>();

// A last resort if Jest itself goes away without running afterAll (process.kill is synchronous).
process.once('exit', () => {
  for (const p of live) p.child.kill('SIGKILL');
});

/** A spawned child with its exit awaited, its output kept (the last lines) for failure messages. */
export class ManagedProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<ExitInfo>;
  readonly startedAt = Date.now();
  exitInfo?: ExitInfo;
  /** Set before a deliberate kill or stop, so an exit can be told apart from a crash. */
  expectedExit = false;
  private readonly lines: string[] = [];
  private readonly listeners = new Set<(line: string) => void>();

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    options: SpawnOptions = {},
  ) {
    this.child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(this);
    for (const stream of [this.child.stdout, this.child.stderr]) {
      let partial = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop() ?? '';
        for (const line of parts) this.push(line);
      });
      stream?.on('end', () => partial && this.push(partial));
    }
    this.exited = new Promise((resolve) => {
      const done = (info: ExitInfo) => {
        if (this.exitInfo) return;
        this.exitInfo = info;
        live.delete(this);
        resolve(info);
      };
      this.child.once('exit', (code, signal) => done({ code, signal }));
      this.child.once('error', (error) => {
        this.push(`spawn error: ${error.message}`);
        done({ code: -1, signal: null });
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  /** Calls the listener with every output line from now on; returns a function that stops it. */
  onLine(listener: (line: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** Sends the signal and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<ExitInfo> {
    this.expectedExit = true;
    this.signal(signal);
    return this.exited;
  }

  /** SIGTERM, then SIGKILL if it is still there after the grace period. */
  async stop(graceMs = 10_000): Promise<ExitInfo> {
    if (!this.running) return this.exited;
    this.expectedExit = true;
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  tail(lines = 40): string {
    return this.lines
      .slice(-lines)
      .map((l) => `  [${this.name}] ${l}`)
      .join('\n');
  }

  private push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > TAIL_LINES) this.lines.splice(0, this.lines.length - TAIL_LINES);
    for (const listener of this.listeners) listener(line);
  }
}

export function describeExit(info: ExitInfo): string {
  return info.signal ? `signal ${info.signal}` : `code ${info.code}`;
}

/** Kills every child still running (SIGKILL) and waits for them; for afterAll/afterEach. */
export async function killAllProcesses(): Promise<void> {
  const running = [...live];
  for (const p of running) {
    p.expectedExit = true;
    p.signal('SIGKILL');
  }
  await Promise.all(running.map((p) => p.exited));
}

/** A TCP port nobody listens on right now (the kernel's choice; tiny race until the child binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command to completion; rejects with its output on a non-zero exit. */
export async function run(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions = {},
  timeoutMs = 60_000,
): Promise<string> {
  const p = new ManagedProcess(name, command, args, options);
  const timer = setTimeout(() => p.signal('SIGKILL'), timeoutMs);
  const info = await p.exited.finally(() => clearTimeout(timer));
  if (info.code !== 0) throw new Error(`${name} failed (${describeExit(info)}):\n${p.tail()}`);
  return p.tail(TAIL_LINES);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A small seeded PRNG (mulberry32), so a failing run can be repeated with FAULT_SEED. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function suiteSeed(): number {
  const given = Number(process.env.FAULT_SEED);
  return Number.isInteger(given) && given > 0 ? given : Math.floor(Math.random() * 2 ** 31);
}

/** The promise's value, or undefined if it takes longer than ms (the timer never outlives the call). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
