import { useCallback, useEffect, useState } from 'react';

/** Moves the page to a view: pushes its URL (`replace`: rewrites the current entry) and shows it. */
export type GoTo<V> = (view: V, options?: { replace?: boolean }) => void;

/**
 * A page whose view is its URL: the view read from `location.search` (`read` must be a stable
 * function), kept in step with back and forward, and `go`, which writes a view's query string into
 * the address bar and shows it as `read` reads it back.
 */
export function useUrlView<R, V>(read: (search: string) => R, write: (view: V) => string): [R, GoTo<V>] {
  const [view, setView] = useState(() => read(location.search));
  useEffect(() => {
    const onPop = () => setView(read(location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, [read]);
  const go = useCallback<GoTo<V>>(
    (next, { replace = false } = {}) => {
      const search = write(next);
      const url = search ? `?${search}` : location.pathname;
      if (replace) history.replaceState(null, '', url);
      else history.pushState(null, '', url);
      setView(read(search));
    },
    [read, write],
  );
  return [view, go];
}
