import { useEffect, useState } from 'react';
import { errorMessage } from '../error-message';

export interface Loaded<T> {
  value: T | undefined;
  error: string | null;
  loading: boolean;
}

/**
 * The answer of `load` for `key`: loaded again whenever the key changes (a new view, a change saved),
 * an answer for an older key never shown for a newer one. A null key loads nothing.
 */
export function useLoaded<T>(load: () => Promise<T>, key: string | null): Loaded<T> {
  const [state, setState] = useState<{ key: string; value?: T; error: string | null } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    load().then(
      (value) => live && setState({ key, value, error: null }),
      (error: unknown) => live && setState({ key, error: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
    // `key` says when `load` asks something new.
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  const current = state !== null && state.key === key ? state : null;
  return { value: current?.value, error: current?.error ?? null, loading: key !== null && current === null };
}
