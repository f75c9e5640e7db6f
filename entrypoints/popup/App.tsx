import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { When } from '../../components/ItemHistory';
import { createApiClient } from '../../utils/api/client';
import { getDb } from '../../utils/db/app-db';
import { useStorageValue } from '../../utils/hooks/use-storage-value';
import { getMeta } from '../../utils/items/item-cache';
import { authState, connectionSettings } from '../../utils/settings';

/** At a glance: who is signed in, whether the API answers, how much is cached. */
export function App() {
  const auth = useStorageValue(authState);
  const connection = useStorageValue(connectionSettings);
  const itemsCached = useLiveQuery(() => getDb().items.count(), []);
  const lastSyncAt = useLiveQuery(() => getMeta<string>(getDb(), 'lastSyncAt'), []);
  const lastError = useLiveQuery(() => getMeta<{ message: string } | null>(getDb(), 'lastError'), []);
  const [reachable, setReachable] = useState<boolean | null>(null);

  useEffect(() => {
    if (!connection) return;
    createApiClient({ baseUrl: connection.apiUrl, timeoutMs: 4000 })
      .health()
      .then(
        () => setReachable(true),
        () => setReachable(false),
      );
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
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        Settings
      </button>
    </main>
  );
}
