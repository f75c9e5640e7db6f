import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo } from 'react';
import { EventTimeline, SummaryStats } from '../../components/ItemHistory';
import { browser } from 'wxt/browser';
import { getDb } from '../../utils/db/app-db';
import { useStorageValue } from '../../utils/hooks/use-storage-value';
import { getMeta } from '../../utils/items/item-cache';
import { sendMessage } from '../../utils/messaging/send';
import { authState } from '../../utils/settings';

/** The item named in this page's URL (`?site=…&item=…`). */
function useItemRef() {
  return useMemo(() => {
    const params = new URLSearchParams(location.search);
    const site = params.get('site');
    const itemKey = params.get('item');
    return site && itemKey ? { site, itemKey } : null;
  }, []);
}

/** One item's quality history, read live from IndexedDB and refreshed on open. */
export function App() {
  const ref = useItemRef();
  const cached = useLiveQuery(() => (ref ? getDb().items.get([ref.site, ref.itemKey]) : undefined), [ref]);
  const lastError = useLiveQuery(() => getMeta<{ message: string } | null>(getDb(), 'lastError'), []);
  const auth = useStorageValue(authState);

  useEffect(() => {
    if (!ref) return;
    document.title = `QA Lens — ${ref.itemKey}`;
    sendMessage('refreshItems', { items: [ref] }).catch((error: unknown) => console.warn('[QA Lens]', error));
  }, [ref]);

  if (!ref) return <main className="page error">This panel needs an item: open it from a QA Lens badge.</main>;
  return (
    <main className="page">
      <h1 data-testid="item-key">{ref.itemKey}</h1>
      <div className="muted">{ref.site}</div>
      {cached ? (
        <>
          <SummaryStats summary={cached.summary} />
          <h2>History</h2>
          <EventTimeline events={cached.events} />
          {cached.summary.audits > cached.events.length && (
            <p className="muted">
              Showing the newest {cached.events.length} of {cached.summary.audits} events.
            </p>
          )}
        </>
      ) : auth === null ? (
        <p role="status">
          Sign in to see this item's history.{' '}
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
            Open settings
          </button>
        </p>
      ) : lastError ? (
        <p className="error" role="alert">
          {lastError.message}
        </p>
      ) : (
        <p className="muted" role="status">
          Loading quality history…
        </p>
      )}
    </main>
  );
}
