import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { EventTimeline, SummaryStats } from '../../components/ItemHistory';
import { ItemGuidelines } from '../../components/guidelines/ItemGuidelines';
import { EventFilters } from '../../components/panel/EventFilters';
import { MyQuality } from '../../components/quality/MyQuality';
import { MyReports } from '../../components/report/MyReports';
import { RiskLegend } from '../../components/RiskLegend';
import { ItemField } from '../../contract/adapter';
import type { GapGuidelineRef } from '../../contract/gap-report';
import { FIELD_PARAM_PREFIX } from '../../utils/background/item-panel';
import { filterEvents, isFiltering, type EventFilter } from '../../utils/items/event-filter';
import type { ItemRef } from '../../contract/common';
import { getDb } from '../../utils/db/app-db';
import { errorMessage } from '../../utils/error-message';
import { formatNumber } from '../../utils/format';
import { i18n } from '../../utils/i18n';
import { useStorageValue } from '../../utils/hooks/use-storage-value';
import { onPageMessages, request } from '../../utils/messaging/page-messaging';
import { authState } from '../../utils/settings';

/** The item named in this page's URL (`?site=…&item=…`). */
function useItemRef(): ItemRef | null {
  return useMemo(() => {
    const params = new URLSearchParams(location.search);
    const site = params.get('site');
    const itemKey = params.get('item');
    return site && itemKey ? { site, itemKey } : null;
  }, []);
}

/** The page the item was shown on (`?page=…&title=…`), when the panel was opened from one. */
function useShownOn(): { pageUrl?: string; pageTitle?: string } {
  return useMemo(() => {
    const params = new URLSearchParams(location.search);
    return { pageUrl: params.get('page') ?? undefined, pageTitle: params.get('title') ?? undefined };
  }, []);
}

/** The fields the page showed for the item (`f.title=…`), for matching guideline sections. */
function useItemFields(): Partial<Record<ItemField, string>> {
  return useMemo(() => {
    const fields: Partial<Record<ItemField, string>> = {};
    for (const [name, value] of new URLSearchParams(location.search)) {
      if (!name.startsWith(FIELD_PARAM_PREFIX)) continue;
      const field = ItemField.safeParse(name.slice(FIELD_PARAM_PREFIX.length));
      if (field.success) fields[field.data] = value;
    }
    return fields;
  }, []);
}

type Load = { state: 'idle' } | { state: 'loading' } | { state: 'error'; message: string };
type LoadOptions = { more?: boolean; force?: boolean };

/** Asks the background for the item's summary (or a forced refresh) and its events. */
async function loadItem(ref: ItemRef, options: LoadOptions): Promise<void> {
  if (options.force) await request('refreshItems', { items: [ref] });
  else if (!options.more) await request('lookupItems', { items: [ref] });
  await request('loadItemEvents', { ...ref, ...options });
}

/**
 * Loads what the panel shows through the background, which answers from
 * IndexedDB when the copy is fresh and asks the API only when it is not. The
 * page itself reads the cache live, so answers show as they land. A failed
 * load is tried again the moment the background says the API is back.
 */
function useItemLoader(ref: ItemRef | null) {
  // The panel opens loading; a button press says so itself (see `start`).
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  const run = useCallback(
    (options: LoadOptions = {}) =>
      ref
        ? loadItem(ref, options).then(
            () => setLoad({ state: 'idle' }),
            (error: unknown) => setLoad({ state: 'error', message: errorMessage(error) }),
          )
        : Promise.resolve(),
    [ref],
  );

  useEffect(() => {
    void run();
    const stop = new AbortController();
    onPageMessages({ apiAvailable: () => void run() }, stop.signal);
    return () => stop.abort();
  }, [run]);

  /** Runs a load the user asked for, showing it as busy at once. */
  const start = (options: LoadOptions) => {
    setLoad({ state: 'loading' });
    void run(options);
  };
  return { load, start };
}

/** One item's quality history, read live from IndexedDB; events are paged in on demand. */
export function App() {
  const ref = useItemRef();
  const fields = useItemFields();
  const shownOn = useShownOn();
  const [filter, setFilter] = useState<EventFilter>({});
  const cached = useLiveQuery(() => (ref ? getDb().items.get([ref.site, ref.itemKey]) : undefined), [ref]);
  const history = useLiveQuery(() => (ref ? getDb().itemEvents.get([ref.site, ref.itemKey]) : undefined), [ref]);
  const auth = useStorageValue(authState);
  const { load, start } = useItemLoader(ref);

  useEffect(() => {
    if (ref) document.title = i18n.t('panel.documentTitle', { item: ref.itemKey });
  }, [ref]);

  if (!ref) return <main className="page error">{i18n.t('panel.needsItem')}</main>;
  const busy = load.state === 'loading';
  /** Opens the SOP gap form about this item (and a section, when given). */
  const report = (guideline?: GapGuidelineRef) =>
    void request('openReportForm', {
      context: { ...shownOn, site: ref.site, itemKey: ref.itemKey, fields, guideline },
    }).catch((error: unknown) => console.warn('[QA Lens]', error));
  return (
    <main className="page">
      <div className="row">
        <h1 data-testid="item-key">{ref.itemKey}</h1>
        <button type="button" onClick={() => start({ force: true })} disabled={busy || !auth}>
          {i18n.t('panel.refresh')}
        </button>
        <button type="button" onClick={() => report()} data-testid="report-item">
          {i18n.t('report.open')}
        </button>
      </div>
      <div className="muted">{ref.site}</div>
      {load.state === 'error' && (
        <p className="error" role="alert" data-testid="panel-error">
          {load.message}
          {cached || history ? ` ${i18n.t('panel.showingSaved')}` : ''}
        </p>
      )}
      {cached && <SummaryStats summary={cached.summary} />}
      {history ? (
        <>
          <h2>{i18n.t('panel.history')}</h2>
          <EventFilters
            filter={filter}
            policies={[...new Set(history.events.map((event) => event.policy))].sort()}
            onChange={setFilter}
          />
          {isFiltering(filter) && (
            <p className="muted" role="status" data-testid="filter-status">
              {i18n.t('filters.matching', filterEvents(history.events, filter).length, {
                count: formatNumber(filterEvents(history.events, filter).length),
                loaded: formatNumber(history.events.length),
              })}
            </p>
          )}
          <EventTimeline events={filterEvents(history.events, filter)} />
          {history.nextCursor !== null && (
            <p className="row">
              <span className="muted">
                {cached
                  ? i18n.t('panel.showingNewestOf', {
                      count: formatNumber(history.events.length),
                      total: formatNumber(cached.summary.audits),
                    })
                  : i18n.t('panel.showingNewest', history.events.length, {
                      count: formatNumber(history.events.length),
                    })}
              </span>
              <button type="button" onClick={() => start({ more: true })} disabled={busy}>
                {i18n.t('panel.showOlder')}
              </button>
            </p>
          )}
        </>
      ) : auth === null ? (
        <p role="status">
          {i18n.t('panel.signInToSee')}{' '}
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
            {i18n.t('panel.openSettings')}
          </button>
        </p>
      ) : (
        load.state !== 'error' && (
          <p className="muted" role="status">
            {i18n.t('panel.loading')}
          </p>
        )
      )}
      <ItemGuidelines
        onReport={(guideline) => report(guideline)}
        site={ref.site}
        fields={fields}
        policies={cached?.summary.policies ?? []}
        events={history?.events ?? []}
      />
      {auth && auth.user.roles.some((role) => role === 'moderator' || role === 'evaluator') && <MyQuality />}
      {auth && <MyReports ownerId={auth.user.id} limit={10} />}
      <RiskLegend />
    </main>
  );
}
