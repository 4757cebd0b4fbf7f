import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorSentence } from './client';
import { createResource, type ResourceState } from './resource';

/** Loads on mount and each time the page shows again; `reload` after a change. */
export function useResource<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [state, setState] = useState<ResourceState<T>>({ loading: true });
  // The caller lists what load depends on, as with useEffect.
  const resource = useMemo(() => createResource(load, setState), deps);
  const shown = useRef(false);
  useEffect(() => {
    void resource.reload();
    return () => resource.cancel();
  }, [resource]);
  useDidShow(() => {
    if (shown.current) void resource.reload();
    shown.current = true;
  });
  return { ...state, reload: resource.reload };
}

/** A change the citizen asked for: pending while it runs, its Chinese failure sentence after. */
export function useAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    setPending(true);
    setError(undefined);
    try {
      return await work();
    } catch (failure) {
      setError(errorSentence(failure));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  return { run, pending, error, setError };
}
