import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface ProcessSample {
  comm: string;
  ticks: number;
}

/** utime + stime of every process, by pid (empty where /proc is unavailable). */
function sampleProcesses(): Map<number, ProcessSample> {
  const samples = new Map<number, ProcessSample>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return samples;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      samples.set(Number(pid), { comm, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // exited meanwhile
    }
  }
  return samples;
}

/** The machine's `cpu` line: busy (all but idle and iowait), interrupt work and steal, in ticks. */
function machineTicks(): { busy: number; total: number; irq: number; steal: number } {
  try {
    const [line] = readFileSync('/proc/stat', 'utf8').split('\n');
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const total = v.slice(0, 8).reduce((s, x) => s + x, 0);
    return { busy: total - v[3] - v[4], total, irq: v[5] + v[6], steal: v[7] ?? 0 };
  } catch {
    return { busy: 0, total: 0, irq: 0, steal: 0 };
  }
}

function cpuCount(): number {
  try {
    const lines = readFileSync('/proc/stat', 'utf8').split('\n');
    return lines.filter((l) => /^cpu\d+ /.test(l)).length || 1;
  } catch {
    return 1;
  }
}

/**
 * Where the CPU went during an interval, in cores (1.0 = one core busy the whole time): the
 * processes under test, this benchmark process (the load generator), PostgreSQL and Redis (all
 * their processes, shared with anyone else using them), every other process (named when notable),
 * interrupt handling, hypervisor steal, and the machine as a whole.
 */
export class CpuSampler {
  private readonly started = performance.now();
  private readonly machineBefore = machineTicks();
  private readonly before = sampleProcesses();

  constructor(private readonly targets: Record<string, number | undefined>) {}

  stop(): Record<string, number> {
    const seconds = (performance.now() - this.started) / 1000;
    const after = sampleProcesses();
    const machineAfter = machineTicks();
    const cores = (ticks: number) => Math.round((ticks / TICKS_PER_SECOND / seconds) * 100) / 100;
    const targetPids = new Map(
      Object.entries(this.targets)
        .filter((entry): entry is [string, number] => entry[1] !== undefined)
        .map(([label, pid]) => [pid, label]),
    );
    const groups = new Map<string, number>();
    const others = new Map<string, number>();
    for (const [pid, { comm, ticks }] of after) {
      // A process that started during the interval counts from zero; one that exited is not seen.
      const used = Math.max(0, ticks - (this.before.get(pid)?.ticks ?? 0));
      if (!used) continue;
      const label =
        targetPids.get(pid) ??
        (pid === process.pid
          ? 'bench (load generator)'
          : comm === 'postgres'
            ? 'postgres'
            : comm === 'redis-server'
              ? 'redis'
              : undefined);
      if (label) groups.set(label, (groups.get(label) ?? 0) + used);
      else others.set(comm, (others.get(comm) ?? 0) + used);
    }
    const result: Record<string, number> = {};
    for (const label of [...targetPids.values(), 'postgres', 'redis', 'bench (load generator)'])
      result[label] = cores(groups.get(label) ?? 0);
    result['other processes'] = cores([...others.values()].reduce((s, t) => s + t, 0));
    for (const [comm, ticks] of [...others].sort((a, b) => b[1] - a[1]).slice(0, 3)) {
      if (cores(ticks) >= 0.05) result[`  of which ${comm}`] = cores(ticks);
    }
    const total = machineAfter.total - this.machineBefore.total;
    const share = (ticks: number) => (total ? Math.round((ticks / total) * cpuCount() * 100) / 100 : 0);
    result['interrupts (irq + softirq)'] = share(machineAfter.irq - this.machineBefore.irq);
    result['steal (hypervisor)'] = share(machineAfter.steal - this.machineBefore.steal);
    const machine = share(machineAfter.busy - this.machineBefore.busy);
    // What no process still alive at the end accounts for: mostly short-lived processes (someone
    // else's test runs, compilers) that started and exited during the interval.
    const attributed = Object.entries(result)
      .filter(([label]) => !label.startsWith('  of which'))
      .reduce((sum, [, value]) => sum + value, 0);
    result['unattributed (exited processes)'] = Math.max(0, Math.round((machine - attributed) * 100) / 100);
    result['machine (all, busy)'] = machine;
    return result;
  }
}

/** CPU ticks of every process now, by pid: the start of a per-process measurement. */
export function processTicks(): Map<number, number> {
  return new Map([...sampleProcesses()].map(([pid, s]) => [pid, s.ticks]));
}

/**
 * CPU seconds these processes (e.g. the PostgreSQL backends serving one database) used since
 * `before`; one started since counts from zero. Processes that exited meanwhile are not seen.
 */
export function cpuSecondsSince(before: Map<number, number>, pids: number[]): number {
  const now = sampleProcesses();
  let ticks = 0;
  for (const pid of new Set(pids)) {
    const after = now.get(pid)?.ticks;
    if (after !== undefined) ticks += Math.max(0, after - (before.get(pid) ?? 0));
  }
  return ticks / TICKS_PER_SECOND;
}
