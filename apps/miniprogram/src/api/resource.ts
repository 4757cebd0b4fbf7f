import { errorSentence } from './client';

export interface ResourceState<T> {
  data?: T;
  /** The Chinese sentence for the last failure, if the last load failed. */
  error?: string;
  loading: boolean;
}

/**
 * Loads something, keeping only the newest answer: a slow earlier load that finishes after a later
 * one is dropped, so a page never shows stale data over fresh. The React hook is a thin shell on it.
 */
export function createResource<T>(load: () => Promise<T>, publish: (state: ResourceState<T>) => void) {
  let generation = 0;
  let state: ResourceState<T> = { loading: false };
  const set = (next: ResourceState<T>) => {
    state = next;
    publish(state);
  };
  return {
    async reload(): Promise<void> {
      const mine = ++generation;
      set({ ...state, loading: true, error: undefined });
      try {
        const data = await load();
        if (mine === generation) set({ data, loading: false });
      } catch (error) {
        if (mine === generation) set({ ...state, loading: false, error: errorSentence(error) });
      }
    },
    /** Drops whatever is in flight (the page went away). */
    cancel(): void {
      generation += 1;
    },
  };
}

/** Calls `read` until `done` says so or time runs out; resolves with the last value read. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  {
    intervalMs = 1000,
    timeoutMs = 30_000,
    onValue,
    sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  }: {
    intervalMs?: number;
    timeoutMs?: number;
    /** Sees every value read, so a page can show progress. */
    onValue?: (value: T) => void;
    sleep?: (ms: number) => Promise<void>;
  } = {},
): Promise<{ value: T; done: boolean }> {
  let waited = 0;
  for (;;) {
    const value = await read();
    onValue?.(value);
    if (done(value)) return { value, done: true };
    if (waited >= timeoutMs) return { value, done: false };
    await sleep(intervalMs);
    waited += intervalMs;
  }
}
