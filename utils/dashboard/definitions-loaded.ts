import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';
import { useLoaded } from '../hooks/use-loaded';

/**
 * The answer of `load`, and `reload` for after the analyst changed what it reads. While a reload
 * is on its way the last answer stays, so the forms and lists that show it are not torn down (and
 * the keyboard focus in them not lost) each time something is saved.
 */
export function useReloadable<T>(load: () => Promise<T>, name: string) {
  const [revision, setRevision] = useState(0);
  const loaded = useLoaded(load, `${name}-${revision}`);
  const [kept, setKept] = useState<T | undefined>(undefined);
  useEffect(() => {
    if (loaded.value !== undefined) setKept(loaded.value);
  }, [loaded.value]);
  const value = loaded.value ?? kept;
  return {
    value,
    error: loaded.error,
    loading: loaded.loading && value === undefined,
    reload: () => setRevision((n) => n + 1),
  };
}

/** Every metric's definition, which the whole dashboard shares (the metric select, chart titles, the definitions page). */
export function useMetricDefinitions(api: ApiClient) {
  return useReloadable(() => api.metricDefinitions(), 'definitions');
}
