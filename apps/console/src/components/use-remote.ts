import { useCallback, useEffect, useState } from 'react';
import { useApiFeedback } from './api-feedback';

/** Loads from the API when `key` changes (and on reload()); a failure is shown once and kept. */
export function useRemote<T>(load: () => Promise<T>, key: string) {
  const feedback = useApiFeedback();
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => {
        if (!current) return;
        setState({ error, loading: false });
        feedback.error(error, '加载失败');
      },
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; `key` says when what it loads changed.
  }, [key, generation, feedback]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, reload };
}
