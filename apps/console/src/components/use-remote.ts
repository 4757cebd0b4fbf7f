import { useCallback, useEffect, useState } from 'react';

export interface Remote<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads from the API when `key` changes (and on reload()). A failure is kept in `error` for the
 * page to show inline with a retry (see RemoteView), not as a toast that vanishes and leaves an
 * empty table behind.
 */
export function useRemote<T>(load: () => Promise<T>, key: string): Remote<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, error: undefined, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ error, loading: false }),
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; `key` says when what it loads changed.
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, reload };
}
