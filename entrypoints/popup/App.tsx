import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { When } from '../../components/ItemHistory';
import { createApiClient } from '../../utils/api/client';
import { getDb } from '../../utils/db/app-db';
import { useStorageValue } from '../../utils/hooks/use-storage-value';
import { getMeta } from '../../utils/items/item-cache';
import { healthForPage } from '../../utils/adapters/health-store';
import { hiddenBadges, isBroken, type AdapterHealthReport } from '../../contract/adapter';
import { authState, connectionSettings } from '../../utils/settings';

/** At a glance: who is signed in, whether the API answers, how much is cached. */
export function App() {
  const auth = useStorageValue(authState);
  const connection = useStorageValue(connectionSettings);
  const itemsCached = useLiveQuery(() => getDb().items.count(), []);
  const lastSyncAt = useLiveQuery(() => getMeta<string>(getDb(), 'lastSyncAt'), []);
  const lastError = useLiveQuery(() => getMeta<{ message: string } | null>(getDb(), 'lastError'), []);
  const [reachable, setReachable] = useState<boolean | null>(null);
  const pageUrl = useActivePageUrl();
  const health = useLiveQuery(() => (pageUrl ? healthForPage(getDb(), pageUrl) : []), [pageUrl]);

  useEffect(() => {
    if (!connection) return;
    let live = true;
    createApiClient({ baseUrl: connection.apiUrl, timeoutMs: 4000 })
      .liveness()
      .then(
        () => live && setReachable(true),
        () => live && setReachable(false),
      );
    return () => {
      live = false;
    };
  }, [connection]);

  return (
    <main className="page stack" style={{ width: 320 }}>
      <h1>QA Lens</h1>
      <dl className="kv">
        <dt>Signed in</dt>
        <dd data-testid="popup-user">{auth ? `${auth.user.name} (${auth.user.roles.join(', ')})` : 'not signed in'}</dd>
        <dt>API</dt>
        <dd data-testid="popup-connection">
          {reachable === null ? (
            'checking…'
          ) : reachable ? (
            <span className="ok">connected</span>
          ) : (
            <span className="error">unreachable</span>
          )}
          <div className="muted">{connection?.apiUrl}</div>
        </dd>
        <dt>Last sync</dt>
        <dd data-testid="popup-last-sync">{lastSyncAt ? <When iso={lastSyncAt} /> : 'never'}</dd>
        <dt>Items cached</dt>
        <dd data-testid="popup-items-cached">{itemsCached ?? '…'}</dd>
      </dl>
      {lastError && <p className="error">{lastError.message}</p>}
      {health && health.length > 0 && (
        <section aria-label="Adapters on this page" data-testid="popup-health">
          <h2>On this page</h2>
          <ul className="stack">
            {health.map((report) => (
              <HealthLine key={report.adapterId} report={report} />
            ))}
          </ul>
        </section>
      )}
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        Settings
      </button>
    </main>
  );
}

/**
 * The active tab's origin and path. `?page=` overrides it: the popup opened as
 * a tab (in tests) is its own active tab.
 */
function useActivePageUrl(): string | null {
  const [pageUrl, setPageUrl] = useState<string | null>(() => new URLSearchParams(location.search).get('page'));
  useEffect(() => {
    if (pageUrl) return;
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      if (!tab?.url || !/^https?:/.test(tab.url)) return;
      const url = new URL(tab.url);
      setPageUrl(`${url.origin}${url.pathname}`);
    });
  }, [pageUrl]);
  return pageUrl;
}

/** Why badges are hidden, in words: "18 clipped, 2 covered". */
function hiddenWhy({ badgesHidden }: AdapterHealthReport): string {
  const words: [number, string][] = [
    [badgesHidden.clipped, 'clipped by their container'],
    [badgesHidden.covered, 'covered by another element'],
    [badgesHidden.zeroSize, 'zero size'],
  ];
  return words
    .filter(([n]) => n > 0)
    .map(([n, why]) => `${n} ${why}`)
    .join(', ');
}

/** One adapter's health on this page, in words. */
function HealthLine({ report }: { report: AdapterHealthReport }) {
  const problems: string[] = [];
  if (report.itemsFound === 0) problems.push('the page matched but no items were found');
  if (report.itemsMissingRequired > 0) problems.push(`${report.itemsMissingRequired} item(s) lack a required field`);
  if (report.selectorsNeverMatched.length > 0)
    problems.push(`never matched: ${report.selectorsNeverMatched.join(', ')}`);
  const hidden = hiddenBadges(report);
  if (hidden > 0)
    problems.push(`${hidden} of ${report.badgesChecked} badges checked cannot be seen (${hiddenWhy(report)})`);
  return (
    <li data-adapter-id={report.adapterId} className={isBroken(report) ? 'error' : 'ok'}>
      <strong>{report.adapterId}</strong> v{report.adapterVersion}: {report.itemsFound} item(s)
      {problems.length > 0 ? ` — ${problems.join('; ')}` : ', all fields found'}
    </li>
  );
}
