import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { When } from '../../components/ItemHistory';
import { MyQuality } from '../../components/quality/MyQuality';
import { RiskLegend } from '../../components/RiskLegend';
import { MyReports } from '../../components/report/MyReports';
import { createApiClient } from '../../utils/api/client';
import { getDb } from '../../utils/db/app-db';
import { useStorageValue } from '../../utils/hooks/use-storage-value';
import { getMeta } from '../../utils/items/item-cache';
import { healthForPage } from '../../utils/adapters/health-store';
import { hiddenBadges, isBroken, type AdapterHealthReport } from '../../contract/adapter';
import { formatList, formatNumber, formatRoles } from '../../utils/format';
import { i18n } from '../../utils/i18n';
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
      <h1>{i18n.t('popup.title')}</h1>
      <dl className="kv">
        <dt>{i18n.t('popup.signedIn')}</dt>
        <dd data-testid="popup-user">
          {auth
            ? i18n.t('common.userWithRoles', { name: auth.user.name, roles: formatRoles(auth.user.roles) })
            : i18n.t('popup.notSignedIn')}
        </dd>
        <dt>{i18n.t('popup.api')}</dt>
        <dd data-testid="popup-connection">
          {reachable === null ? (
            i18n.t('popup.checking')
          ) : reachable ? (
            <span className="ok">{i18n.t('popup.connected')}</span>
          ) : (
            <span className="error">{i18n.t('popup.unreachable')}</span>
          )}
          <div className="muted">{connection?.apiUrl}</div>
        </dd>
        <dt>{i18n.t('popup.lastSync')}</dt>
        <dd data-testid="popup-last-sync">{lastSyncAt ? <When iso={lastSyncAt} /> : i18n.t('popup.neverSynced')}</dd>
        <dt>{i18n.t('popup.itemsCached')}</dt>
        <dd data-testid="popup-items-cached">
          {itemsCached === undefined ? i18n.t('common.ellipsis') : formatNumber(itemsCached)}
        </dd>
      </dl>
      {lastError && <p className="error">{lastError.message}</p>}
      {health && health.length > 0 && (
        <section aria-label={i18n.t('popup.health.label')} data-testid="popup-health">
          <h2>{i18n.t('popup.health.heading')}</h2>
          <ul className="stack">
            {health.map((report) => (
              <HealthLine key={report.adapterId} report={report} />
            ))}
          </ul>
        </section>
      )}
      {auth && auth.user.roles.some((role) => role === 'moderator' || role === 'evaluator') && (
        <MyQuality weeks={4} compact />
      )}
      {auth && <MyReports ownerId={auth.user.id} limit={5} />}
      {auth && auth.user.roles.some((role) => role === 'analyst' || role === 'admin') && (
        <p>
          <a href={browser.runtime.getURL('/inbox.html')} target="_blank" rel="noopener" data-testid="open-inbox">
            {i18n.t('inbox.open')}
          </a>
          {' · '}
          <a href={browser.runtime.getURL('/surveys.html')} target="_blank" rel="noopener" data-testid="open-surveys">
            {i18n.t('surveys.open')}
          </a>
          {' · '}
          <a
            href={browser.runtime.getURL('/dashboard.html')}
            target="_blank"
            rel="noopener"
            data-testid="open-dashboard"
          >
            {i18n.t('dashboard.open')}
          </a>
        </p>
      )}
      <RiskLegend />
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        {i18n.t('popup.settings')}
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

/** Why badges are hidden, in words: "18 clipped by their container, 2 covered by another element". */
function hiddenWhy({ badgesHidden }: AdapterHealthReport): string {
  const reasons = [
    badgesHidden.clipped > 0 && i18n.t('popup.health.clipped', { count: formatNumber(badgesHidden.clipped) }),
    badgesHidden.covered > 0 && i18n.t('popup.health.covered', { count: formatNumber(badgesHidden.covered) }),
    badgesHidden.zeroSize > 0 && i18n.t('popup.health.zeroSize', { count: formatNumber(badgesHidden.zeroSize) }),
  ];
  return formatList(reasons.filter((reason) => reason !== false));
}

/** What is wrong with an adapter on this page, one clause per problem; empty when nothing is. */
function healthProblems(report: AdapterHealthReport): string[] {
  const problems: string[] = [];
  if (report.itemsFound === 0) problems.push(i18n.t('popup.health.noItems'));
  const missing = report.itemsMissingRequired;
  if (missing > 0) problems.push(i18n.t('popup.health.missingRequired', missing, { count: formatNumber(missing) }));
  if (report.selectorsNeverMatched.length > 0)
    problems.push(i18n.t('popup.health.neverMatched', { selectors: formatList(report.selectorsNeverMatched) }));
  const hidden = hiddenBadges(report);
  if (hidden > 0)
    problems.push(
      i18n.t('popup.health.hidden', report.badgesChecked, {
        hidden: formatNumber(hidden),
        count: formatNumber(report.badgesChecked),
        why: hiddenWhy(report),
      }),
    );
  return problems;
}

/** One adapter's health on this page, in words. */
function HealthLine({ report }: { report: AdapterHealthReport }) {
  const problems = healthProblems(report);
  const count = formatNumber(report.itemsFound);
  return (
    <li data-adapter-id={report.adapterId} className={isBroken(report) ? 'error' : 'ok'}>
      <strong>{report.adapterId}</strong> v{report.adapterVersion}:{' '}
      {problems.length > 0
        ? i18n.t('popup.health.problems', report.itemsFound, {
            count,
            problems: problems.join(i18n.t('common.clauseSeparator')),
          })
        : i18n.t('popup.health.ok', report.itemsFound, { count })}
    </li>
  );
}
