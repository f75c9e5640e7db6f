import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo } from 'react';
import { EventTimeline, SummaryStats } from '../../components/ItemHistory';
import { getDb } from '../../utils/db/app-db';
import { sendMessage } from '../../utils/messaging/send';

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
      ) : (
        <p className="muted" role="status">
          Loading quality history…
        </p>
      )}
    </main>
  );
}
