import { DomainError, ErrorCode } from '@app/domain';
import { accountOf, assertBalanced } from '@app/ledger';
import { MemoryLogger } from '@app/logging';
import { Logger } from '@nestjs/common';
import { reportInvariantBreach, workerInvariantBreaches } from './invariant-breaches.js';
import { PeriodicTask } from './periodic-task.js';

async function counted(code: string, where: string): Promise<number> {
  const metric = await workerInvariantBreaches.get();
  return metric.values.find((v) => v.labels.code === code && v.labels.where === where)?.value ?? 0;
}

/** A posting with a line of zero points: the ledger's own check refuses it. */
function postUnbalanced(): never {
  const account = accountOf.citizenPoints('c1');
  assertBalanced({
    idempotencyKey: 'spec:zero',
    causeType: 'action',
    causeId: 'c1',
    reason: 'spec',
    lines: [{ account, amount: 0n }],
  });
  throw new Error('assertBalanced accepted a line of zero');
}

class BreachingTask extends PeriodicTask {
  runs = 0;
  protected intervalMs(): number {
    return 5;
  }
  protected runScheduled(): Promise<unknown> {
    this.runs += 1;
    return Promise.resolve().then(postUnbalanced);
  }
}

describe('invariant breaches in the worker', () => {
  let logs: MemoryLogger;

  beforeEach(() => {
    logs = new MemoryLogger();
    Logger.overrideLogger(logs);
  });

  afterAll(() => Logger.overrideLogger(new Logger()));

  it('logs a breach at error level and counts it by code and place', async () => {
    const before = await counted(ErrorCode.LedgerUnbalanced, 'actions pipeline');
    let thrown: unknown;
    try {
      postUnbalanced();
    } catch (error) {
      thrown = error;
    }

    expect(reportInvariantBreach(new Logger('Spec'), thrown, 'actions pipeline')).toBe(true);
    expect(await counted(ErrorCode.LedgerUnbalanced, 'actions pipeline')).toBe(before + 1);
    expect(logs.entries).toContainEqual({
      level: 'error',
      message: expect.objectContaining({
        code: 'LEDGER_UNBALANCED',
        where: 'actions pipeline',
        msg: expect.stringContaining('a line of zero'),
      }),
    });
  });

  it('leaves other errors to the caller: neither logged nor counted', async () => {
    const refused = new DomainError(ErrorCode.InsufficientPoints, 'not enough');

    expect(reportInvariantBreach(new Logger('Spec'), refused, 'job x')).toBe(false);
    expect(reportInvariantBreach(new Logger('Spec'), new Error('ECONNRESET'), 'job x')).toBe(false);
    expect(await counted(ErrorCode.InsufficientPoints, 'job x')).toBe(0);
    expect(logs.entries).toEqual([]);
  });

  it('reports a breach in a periodic task as a breach, not as a failed run', async () => {
    const task = new BreachingTask();
    const before = await counted(ErrorCode.LedgerUnbalanced, 'BreachingTask');
    task.onApplicationBootstrap();
    try {
      await new Promise((resolve) => setTimeout(resolve, 40));
    } finally {
      task.onModuleDestroy();
    }

    expect(task.runs).toBeGreaterThan(0);
    expect(await counted(ErrorCode.LedgerUnbalanced, 'BreachingTask')).toBe(before + task.runs);
    expect(logs.at('error')).toHaveLength(task.runs);
    expect(logs.at('warn')).toEqual([]);
  });
});
