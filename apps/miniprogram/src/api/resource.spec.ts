import { describe, expect, it } from '@jest/globals';
import { ApiError } from './client';
import { createResource, pollUntil, type ResourceState } from './resource';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createResource (the state behind useResource)', () => {
  it('shows the newest answer even when an older load finishes last', async () => {
    const loads = [deferred<string>(), deferred<string>()];
    let call = 0;
    const states: ResourceState<string>[] = [];
    const resource = createResource(
      () => loads[call++]!.promise,
      (s) => states.push(s),
    );
    const first = resource.reload();
    const second = resource.reload();
    loads[1]!.resolve('fresh');
    await second;
    loads[0]!.resolve('stale');
    await first;
    expect(states.at(-1)).toEqual({ data: 'fresh', loading: false });
    expect(states.some((s) => s.data === 'stale')).toBe(false);
  });

  it('keeps the last data and gives the Chinese sentence when a load fails', async () => {
    let fail = false;
    const states: ResourceState<number>[] = [];
    const resource = createResource(
      async () => {
        if (fail) throw new ApiError(503, 'DATABASE_UNAVAILABLE', 'down');
        return 1;
      },
      (s) => states.push(s),
    );
    await resource.reload();
    fail = true;
    await resource.reload();
    expect(states.at(-1)).toEqual({ data: 1, loading: false, error: '服务暂时不可用，请稍后再试。' });
  });

  it('drops an answer that arrives after the page went away', async () => {
    const load = deferred<string>();
    const states: ResourceState<string>[] = [];
    const resource = createResource(
      () => load.promise,
      (s) => states.push(s),
    );
    const pending = resource.reload();
    resource.cancel();
    load.resolve('late');
    await pending;
    expect(states).toEqual([{ loading: true, error: undefined }]);
  });
});

describe('pollUntil', () => {
  it('reads until done, reporting each value', async () => {
    const statuses = ['received', 'quantified', 'settled'];
    const seen: string[] = [];
    const slept: number[] = [];
    const result = await pollUntil(
      async () => statuses.shift()!,
      (s) => s === 'settled',
      {
        intervalMs: 500,
        onValue: (s) => seen.push(s),
        sleep: async (ms) => void slept.push(ms),
      },
    );
    expect(result).toEqual({ value: 'settled', done: true });
    expect(seen).toEqual(['received', 'quantified', 'settled']);
    expect(slept).toEqual([500, 500]);
  });

  it('gives up after the timeout with the last value', async () => {
    const result = await pollUntil(
      async () => 'received',
      () => false,
      {
        intervalMs: 1000,
        timeoutMs: 3000,
        sleep: async () => undefined,
      },
    );
    expect(result).toEqual({ value: 'received', done: false });
  });
});
