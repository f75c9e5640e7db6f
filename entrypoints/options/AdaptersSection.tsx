import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { originsNeeded } from '../../utils/adapters/content-scripts';
import { request } from '../../utils/messaging/page-messaging';
import { useAdapters } from './use-adapters';
import { errorMessage } from '../../utils/error-message';

/** Which of these origins the user has granted, refreshed when permissions change. */
function useGranted(origins: string[]): Record<string, boolean> {
  const [granted, setGranted] = useState<Record<string, boolean>>({});
  const key = origins.join(' ');
  useEffect(() => {
    let live = true;
    const check = () =>
      void Promise.all(origins.map((o) => browser.permissions.contains({ origins: [o] }))).then(
        (answers) => live && setGranted(Object.fromEntries(origins.map((o, i) => [o, answers[i]!]))),
      );
    check();
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      live = false;
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
    // `key` stands for `origins`, whose identity changes on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return granted;
}

/** The site adapters in force, the host access each needs, and a manual sync. */
export function AdaptersSection() {
  const data = useAdapters();
  const [syncStatus, setSyncStatus] = useState<string | null>(null);
  const allOrigins = data ? originsNeeded(data.adapters.map((a) => a.adapter)) : [];
  const granted = useGranted(allOrigins);

  async function sync() {
    setSyncStatus('Syncing…');
    try {
      const result = await request('syncAdapters', {});
      setSyncStatus(
        `${result.received} adapter update(s) received` +
          (result.rejected.length > 0 ? `, ${result.rejected.length} rejected` : ''),
      );
    } catch (error) {
      setSyncStatus(errorMessage(error));
    }
  }

  return (
    <section className="card stack" aria-labelledby="adapters-heading">
      <div className="row">
        <h2 id="adapters-heading">Site adapters</h2>
        <button type="button" onClick={() => void sync()}>
          Sync adapters now
        </button>
        {syncStatus && (
          <span role="status" data-testid="adapter-sync-status">
            {syncStatus}
          </span>
        )}
      </div>
      <table className="grid" data-testid="adapter-list">
        <thead>
          <tr>
            <th>Adapter</th>
            <th>Version</th>
            <th>Source</th>
            <th>Sites</th>
          </tr>
        </thead>
        <tbody>
          {data?.adapters.map(({ adapter, source }) => {
            const origins = originsNeeded([adapter]);
            const missing = origins.filter((o) => !granted[o]);
            return (
              <tr key={adapter.id} data-adapter-id={adapter.id}>
                <td>
                  <strong>{adapter.name}</strong>
                  <div className="muted">{adapter.id}</div>
                </td>
                <td>{adapter.version}</td>
                <td>
                  {source}
                  {adapter.enabled === false && <div className="error">disabled</div>}
                </td>
                <td>
                  <div className="muted">{adapter.matches.join(', ')}</div>
                  {missing.length > 0 && (
                    <button
                      type="button"
                      onClick={() => void browser.permissions.request({ origins: missing })}
                      title={missing.join(', ')}
                    >
                      Grant access to {missing.length === 1 ? missing[0] : `${missing.length} sites`}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {data && data.rejected.length > 0 && (
        <div className="stack" role="alert">
          <h3>Rejected adapters</h3>
          <ul>
            {data.rejected.map((row) => (
              <li key={row.id}>
                <code>{row.id}</code> (revision {row.revision}): <span className="error">{row.message}</span>
              </li>
            ))}
          </ul>
          <p className="muted">
            The other adapters keep working. An admin fixes the document and publishes a new version.
          </p>
        </div>
      )}
    </section>
  );
}
