import { useEffect, useRef, useState } from 'react';
import { browser, type Browser } from 'wxt/browser';
import type { ItemField } from '../../contract/adapter';
import type { WorkbenchResult } from '../../utils/messaging/protocol';
import { request } from '../../utils/messaging/page-messaging';
import { useAdapters } from './use-adapters';
import { errorMessage } from '../../utils/error-message';

const FIELDS: ItemField[] = ['queue', 'category', 'label', 'title', 'query', 'resultUrl', 'position'];

/** What a person sees of a badge placed as the adapter says. */
const VISIBILITY_TEXT: Record<NonNullable<WorkbenchResult['items'][number]['badge']>, string> = {
  visible: 'visible',
  zeroSize: 'hidden: zero size',
  clipped: 'hidden: clipped by its container',
  covered: 'hidden: covered',
  offscreen: 'off screen (not checked)',
};

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
      setError(`The adapter is not valid JSON: ${errorMessage(e)}`);
      return;
    }
    const target = tabId ?? tabs[0]?.id;
    if (target === undefined) {
      setError('Open the page to test in another tab, then refresh the tab list.');
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
      <h2 id="workbench-heading">Adapter workbench</h2>
      <p className="muted">
        Run an adapter against an open tab: its items are outlined on the page and what it reads shows here.
      </p>
      <div className="row">
        <label htmlFor="wb-adapter">Adapter</label>
        <select id="wb-adapter" value={adapterId} onChange={(e) => pick(e.target.value)}>
          <option value="">Choose…</option>
          {data?.adapters.map(({ adapter }) => (
            <option key={adapter.id} value={adapter.id}>
              {adapter.name} ({adapter.id} v{adapter.version})
            </option>
          ))}
        </select>
        <label htmlFor="wb-tab">Tab</label>
        <select id="wb-tab" value={tabId ?? ''} onChange={(e) => setTabId(Number(e.target.value))}>
          {tabs.map((tab) => (
            <option key={tab.id} value={tab.id}>
              {tab.title?.slice(0, 60)} — {tab.url}
            </option>
          ))}
        </select>
        <button type="button" onClick={refreshTabs}>
          Refresh tabs
        </button>
      </div>
      <label htmlFor="wb-json">Adapter document (JSON; edits are not saved)</label>
      <textarea id="wb-json" rows={12} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
      <div className="row">
        <button type="button" className="primary" onClick={() => void run()} disabled={text.trim() === ''}>
          Run on tab
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
            <strong>{result.total}</strong> item(s) found
            {result.total > result.items.length ? `, first ${result.items.length} shown` : ''}.
            {result.health.itemsMissingRequired > 0 && (
              <span className="error"> {result.health.itemsMissingRequired} item(s) lack a required field.</span>
            )}
            {result.health.selectorsNeverMatched.length > 0 && (
              <span className="error"> Never matched: {result.health.selectorsNeverMatched.join(', ')}.</span>
            )}
          </p>
          {result.suggestedBadge && (
            <p className="error" role="status" data-testid="workbench-suggestion">
              Badges placed as this adapter says cannot be seen. This placement shows them:{' '}
              <code>{JSON.stringify({ badge: result.suggestedBadge })}</code>
            </p>
          )}
          {result.path.length > 0 && (
            <ol className="muted" aria-label="Shadow path" data-testid="workbench-path">
              {result.path.map((level, i) => (
                <li key={i}>
                  <code>{level.selector}</code>: {level.hosts} host(s), {level.open} with an open shadow root
                  {level.open < level.hosts ? ' (closed shadow roots cannot be entered)' : ''}
                </li>
              ))}
            </ol>
          )}
          <table className="grid">
            <thead>
              <tr>
                <th>Key</th>
                {fields.map((f) => (
                  <th key={f}>{f}</th>
                ))}
                <th>Badge</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((item, i) => (
                <tr key={i}>
                  <td>{item.itemKey ?? <span className="error">no key</span>}</td>
                  {fields.map((f) => (
                    <td key={f}>{item.fields[f] ?? <span className="muted">—</span>}</td>
                  ))}
                  <td data-testid="workbench-badge">
                    {item.badge === undefined ? (
                      <span className="muted">not checked</span>
                    ) : (
                      <span
                        className={item.badge === 'visible' ? 'ok' : item.badge === 'offscreen' ? 'muted' : 'error'}
                      >
                        {VISIBILITY_TEXT[item.badge]}
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
