/**
 * Wraps a loader so that calls within `ttlMs` of the last load, or while one is running, share its
 * result: a scrape reads many gauges and a scrape storm must not turn into a query storm.
 */
export function cachedFor<T>(ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let value: { result: Promise<T>; at: number } | undefined;
  return () => {
    if (value && Date.now() - value.at < ttlMs) return value.result;
    const result = load();
    value = { result, at: Date.now() };
    // A failure is not kept: the next scrape tries again.
    result.catch(() => {
      value = undefined;
    });
    return result;
  };
}
