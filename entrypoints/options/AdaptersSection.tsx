import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { originsNeeded } from '../../utils/adapters/content-scripts';
import { request } from '../../utils/messaging/page-messaging';
import { useAdapters, type AdapterSource } from './use-adapters';
import { errorMessage } from '../../utils/error-message';
import { formatNumber } from '../../utils/format';
import { i18n } from '../../utils/i18n';
import { richMessage } from '../../utils/i18n-rich';

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

/** Where an adapter came from, in words. */
function sourceText(source: AdapterSource): string {
  if (source.kind === 'published') return i18n.t('options.adapters.published', { revision: source.revision });
  return source.kind === 'builtIn' ? i18n.t('options.adapters.builtIn') : i18n.t('options.adapters.unknown');
}

/** "3 adapter updates received, 1 rejected". */
function syncText({ received, rejected }: { received: number; rejected: unknown[] }): string {
  const count = formatNumber(received);
  return rejected.length > 0
    ? i18n.t('options.adapters.receivedRejected', received, { count, rejected: formatNumber(rejected.length) })
    : i18n.t('options.adapters.received', received, { count });
}

/** The site adapters in force, the host access each needs, and a manual sync. */
export function AdaptersSection() {
  const data = useAdapters();
  const [syncStatus, setSyncStatus] = useState<string | null>(null);
  const allOrigins = data ? originsNeeded(data.adapters.map((a) => a.adapter)) : [];
  const granted = useGranted(allOrigins);

  async function sync() {
    setSyncStatus(i18n.t('options.adapters.syncing'));
    try {
      setSyncStatus(syncText(await request('syncAdapters', {})));
    } catch (error) {
      setSyncStatus(errorMessage(error));
    }
  }

  return (
    <section className="card stack" aria-labelledby="adapters-heading">
      <div className="row">
        <h2 id="adapters-heading">{i18n.t('options.adapters.heading')}</h2>
        <button type="button" onClick={() => void sync()}>
          {i18n.t('options.adapters.syncNow')}
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
            <th>{i18n.t('options.adapters.adapter')}</th>
            <th>{i18n.t('options.adapters.version')}</th>
            <th>{i18n.t('options.adapters.source')}</th>
            <th>{i18n.t('options.adapters.sites')}</th>
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
                  {sourceText(source)}
                  {adapter.enabled === false && <div className="error">{i18n.t('options.adapters.disabled')}</div>}
                </td>
                <td>
                  <div className="muted">{adapter.matches.join(', ')}</div>
                  {missing.length > 0 && (
                    <button
                      type="button"
                      onClick={() => void browser.permissions.request({ origins: missing })}
                      title={missing.join(', ')}
                    >
                      {missing.length === 1
                        ? i18n.t('options.adapters.grantOne', { origin: missing[0]! })
                        : i18n.t('options.adapters.grantMany', missing.length, {
                            count: formatNumber(missing.length),
                          })}
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
          <h3>{i18n.t('options.adapters.rejectedHeading')}</h3>
          <ul>
            {data.rejected.map((row) => (
              <li key={row.id}>
                {richMessage('options.adapters.rejectedRow', {
                  id: <code>{row.id}</code>,
                  revision: row.revision, // an identifier, not a quantity: no digit grouping
                  message: <span className="error">{row.message}</span>,
                })}
              </li>
            ))}
          </ul>
          <p className="muted">{i18n.t('options.adapters.rejectedHelp')}</p>
        </div>
      )}
    </section>
  );
}
