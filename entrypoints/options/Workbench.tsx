import { useEffect, useRef, useState } from 'react';
import { browser, type Browser } from 'wxt/browser';
import type { ItemField } from '../../contract/adapter';
import type { WorkbenchResult } from '../../utils/messaging/protocol';
import { request } from '../../utils/messaging/page-messaging';
import { useAdapters } from './use-adapters';
import { errorMessage } from '../../utils/error-message';
import { formatList, formatNumber } from '../../utils/format';
import { i18n } from '../../utils/i18n';
import { richMessage } from '../../utils/i18n-rich';

// Field names are the adapter format's own words (as in the JSON), so they stay untranslated.
const FIELDS: ItemField[] = ['queue', 'category', 'label', 'title', 'query', 'resultUrl', 'position'];

type Visibility = NonNullable<WorkbenchResult['items'][number]['badge']>;

/** What a person sees of a badge placed as the adapter says. */
function visibilityText(visibility: Visibility): string {
  return i18n.t(`options.workbench.${visibility}`);
}

/** "50 items found." or "120 items found, first 100 shown.", the count in bold. */
function foundText({ total, items }: WorkbenchResult) {
  const count = <strong>{formatNumber(total)}</strong>;
  return total > items.length
    ? richMessage('options.workbench.foundFirst', { count, shown: formatNumber(items.length) }, total)
    : richMessage('options.workbench.found', { count }, total);
}

/** Open web pages the workbench can run an adapter on. */
function useWebTabs(): [Browser.tabs.Tab[], () => void] {
  const [tabs, setTabs] = useState<Browser.tabs.Tab[]>([]);
  const refresh = () =>
    void browser.tabs
      .query({})
      .then((all) => setTabs(all.filter((t) => t.id !== undefined && /^https?:/.test(t.url ?? ''))));
  useEffect(refresh, []);
  return [tabs, refresh];
}

/** Runs an adapter (possibly edited, unsaved) against an open tab and shows what it finds. */
export function Workbench() {
  const data = useAdapters();
  const [tabs, refreshTabs] = useWebTabs();
  const [adapterId, setAdapterId] = useState('');
  const [text, setText] = useState('');
  const [tabId, setTabId] = useState<number | null>(null);
  const [result, setResult] = useState<WorkbenchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Only the newest run may show its result: an older, slower one must not replace it.
  const latestRun = useRef(0);

  function pick(id: string) {
    setAdapterId(id);
    const chosen = data?.adapters.find((a) => a.adapter.id === id)?.adapter;
    setText(chosen ? JSON.stringify(chosen, null, 2) : '');
    setResult(null);
    setError(null);
  }

  async function run() {
    const runId = ++latestRun.current;
    setError(null);
    setResult(null);
    let adapter: unknown;
    try {
      adapter = JSON.parse(text);
    } catch (e) {
      setError(i18n.t('options.workbench.notJson', { error: errorMessage(e) }));
      return;
    }
    const target = tabId ?? tabs[0]?.id;
    if (target === undefined) {
      setError(i18n.t('options.workbench.noTab'));
      return;
    }
    try {
      const outcome = await request('runWorkbench', { tabId: target, adapter });
      if (runId === latestRun.current) setResult(outcome);
    } catch (e) {
      if (runId === latestRun.current) setError(errorMessage(e));
    }
  }

  const fields = FIELDS.filter((f) => result?.items.some((item) => item.fields[f] !== undefined));

  return (
    <section className="card stack" aria-labelledby="workbench-heading">
      <h2 id="workbench-heading">{i18n.t('options.workbench.heading')}</h2>
      <p className="muted">{i18n.t('options.workbench.intro')}</p>
      <div className="row">
        <label htmlFor="wb-adapter">{i18n.t('options.workbench.adapter')}</label>
        <select id="wb-adapter" value={adapterId} onChange={(e) => pick(e.target.value)}>
          <option value="">{i18n.t('options.workbench.choose')}</option>
          {data?.adapters.map(({ adapter }) => (
            <option key={adapter.id} value={adapter.id}>
              {i18n.t('common.adapterVersion', { name: adapter.name, id: adapter.id, version: adapter.version })}
            </option>
          ))}
        </select>
        <label htmlFor="wb-tab">{i18n.t('options.workbench.tab')}</label>
        <select id="wb-tab" value={tabId ?? ''} onChange={(e) => setTabId(Number(e.target.value))}>
          {tabs.map((tab) => (
            <option key={tab.id} value={tab.id}>
              {i18n.t('common.tabTitle', { title: tab.title?.slice(0, 60) ?? '', url: tab.url ?? '' })}
            </option>
          ))}
        </select>
        <button type="button" onClick={refreshTabs}>
          {i18n.t('options.workbench.refreshTabs')}
        </button>
      </div>
      <label htmlFor="wb-json">{i18n.t('options.workbench.document')}</label>
      <textarea id="wb-json" rows={12} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
      <div className="row">
        <button type="button" className="primary" onClick={() => void run()} disabled={text.trim() === ''}>
          {i18n.t('options.workbench.run')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert" data-testid="workbench-error">
          {error}
        </p>
      )}
      {result && (
        <div className="stack" data-testid="workbench-result">
          <p>
            {foundText(result)}
            {result.health.itemsMissingRequired > 0 && (
              <span className="error">
                {' '}
                {i18n.t('options.workbench.missingRequired', result.health.itemsMissingRequired, {
                  count: formatNumber(result.health.itemsMissingRequired),
                })}
              </span>
            )}
            {result.health.selectorsNeverMatched.length > 0 && (
              <span className="error">
                {' '}
                {i18n.t('options.workbench.neverMatched', {
                  selectors: formatList(result.health.selectorsNeverMatched),
                })}
              </span>
            )}
          </p>
          {result.suggestedBadge && (
            <p className="error" role="status" data-testid="workbench-suggestion">
              {i18n.t('options.workbench.suggestion')} <code>{JSON.stringify({ badge: result.suggestedBadge })}</code>
            </p>
          )}
          {result.path.length > 0 && (
            <ol className="muted" aria-label={i18n.t('options.workbench.shadowPath')} data-testid="workbench-path">
              {result.path.map((level, i) => (
                <li key={i}>
                  <code>{level.selector}</code>:{' '}
                  {i18n.t('options.workbench.hosts', level.hosts, {
                    count: formatNumber(level.hosts),
                    open: formatNumber(level.open),
                  })}
                  {level.open < level.hosts ? ` ${i18n.t('options.workbench.closedRoots')}` : ''}
                </li>
              ))}
            </ol>
          )}
          <table className="grid">
            <thead>
              <tr>
                <th>{i18n.t('options.workbench.key')}</th>
                {fields.map((f) => (
                  <th key={f}>{f}</th>
                ))}
                <th>{i18n.t('options.workbench.badge')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((item, i) => (
                <tr key={i}>
                  <td>{item.itemKey ?? <span className="error">{i18n.t('options.workbench.noKey')}</span>}</td>
                  {fields.map((f) => (
                    <td key={f}>{item.fields[f] ?? <span className="muted">—</span>}</td>
                  ))}
                  <td data-testid="workbench-badge">
                    {item.badge === undefined ? (
                      <span className="muted">{i18n.t('options.workbench.notChecked')}</span>
                    ) : (
                      <span
                        className={item.badge === 'visible' ? 'ok' : item.badge === 'offscreen' ? 'muted' : 'error'}
                      >
                        {visibilityText(item.badge)}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
