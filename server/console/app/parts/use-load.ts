import { useCallback, useEffect, useState } from 'react';
import { problemText } from './problem-text';

export type Loaded<T> = { data?: T; problem?: string; loading: boolean; reload(): void };

/** Loads what a page shows, again on `reload()`; a failure is kept to be shown, never thrown. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; problem?: string; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  const run = useCallback(load, deps);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    run().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ problem: problemText(error), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [run, round]);
  return { ...state, reload: useCallback(() => setRound((value) => value + 1), []) };
}
