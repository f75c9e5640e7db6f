import { useCallback, useMemo, useState } from 'react';
import { GapReportStatus, type InboxReport } from '../../contract';
import { InboxFilterForm } from '../../components/inbox/InboxFilterForm';
import { InboxTable } from '../../components/inbox/InboxTable';
import { ReportDetail } from '../../components/inbox/ReportDetail';
import type { ApiClient } from '../../utils/api/client';
import { saveBlob } from '../../utils/download';
import { errorMessage } from '../../utils/error-message';
import { useAnalystSession } from '../../utils/hooks/use-analyst-session';
import { useUrlView } from '../../utils/hooks/use-url-view';
import { useLoaded } from '../../utils/hooks/use-loaded';
import { formatNumber } from '../../utils/format';
import { i18n } from '../../utils/i18n';
import { readView, viewFilters, viewSearch, type InboxView, type ViewFields } from '../../utils/inbox/view';

const PAGE_SIZE = 50;

/** A view's query string: its filters, then the report open beside the list. */
const writeView = ({ fields, report }: Pick<InboxView, 'fields' | 'report'>) => viewSearch(fields, report);

/** The view in the address bar, kept in step with back and forward; `go` pushes a new one. */
function useView(): [InboxView, (fields: ViewFields, report: string | null) => void] {
  const [view, goTo] = useUrlView(readView, writeView);
  const go = useCallback((fields: ViewFields, report: string | null) => goTo({ fields, report }), [goTo]);
  return [view, go];
}

/**
 * The analysts' triage inbox: gap reports filtered, searched and sorted on the server, paged by
 * cursor, changed in bulk, and opened one at a time beside the list. The whole view is the URL.
 */
export function App() {
  const session = useAnalystSession();
  if (session === null) return <main className="page muted">{i18n.t('inbox.loading')}</main>;
  if (session === 'signedOut') return <main className="page error">{i18n.t('inbox.signedOut')}</main>;
  if (session === 'forbidden') return <main className="page error">{i18n.t('inbox.forbidden')}</main>;
  return <Inbox api={session.api} me={session.me} />;
}

function Inbox({ api, me }: { api: ApiClient; me: string }) {
  const [view, go] = useView();
  const [more, setMore] = useState<{ key: string; reports: InboxReport[]; cursor: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [selection, setSelection] = useState<{ key: string; ids: Set<string> } | null>(null);
  const [bulkStatus, setBulkStatus] = useState<GapReportStatus>('triaged');
  const [generation, setGeneration] = useState(0);
  const filtersKey = viewSearch(view.fields);
  const filters = useMemo(() => viewFilters(view.fields), [filtersKey]); // eslint-disable-line react-hooks/exhaustive-deps
  // One key per view and per saved change: a new one reloads the first page and forgets the rest.
  const key = view.problem ? null : `${filtersKey}#${generation}`;
  const first = useLoaded(() => api.inbox({ ...filters, limit: PAGE_SIZE, count: 'true' }), key);
  const extra = more !== null && more.key === key ? more : null;
  const reports = [...(first.value?.reports ?? []), ...(extra?.reports ?? [])];
  const cursor = extra ? extra.cursor : (first.value?.nextCursor ?? null);
  const total = first.value?.total ?? null;
  const loading = first.loading || busy;
  const problem = failure ?? first.error;
  const selected = selection !== null && selection.key === key ? selection.ids : new Set<string>();
  const setSelected = (ids: Set<string>) => setSelection({ key: key ?? '', ids });

  const loadMore = async () => {
    if (!cursor || key === null) return;
    setBusy(true);
    try {
      const page = await api.inbox({ ...filters, limit: PAGE_SIZE, cursor });
      setMore({ key, reports: [...(extra?.reports ?? []), ...page.reports], cursor: page.nextCursor });
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const bulk = async (change: { status?: GapReportStatus; assignee?: string | null }) => {
    setFailure(null);
    try {
      const { updated } = await api.bulkChange({ ids: [...selected], ...change });
      setNotice(i18n.t('inbox.bulkDone', updated, { count: formatNumber(updated) }));
      setGeneration((g) => g + 1);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };

  const exportCsv = async () => {
    setNotice(i18n.t('inbox.exporting'));
    try {
      saveBlob(await api.inboxExport(filters), `qa-lens-gap-reports-${new Date().toISOString().slice(0, 10)}.csv`);
      setNotice(null);
    } catch (error) {
      setNotice(null);
      setFailure(errorMessage(error));
    }
  };

  return (
    <main className="page inbox">
      <h1>{i18n.t('inbox.title')}</h1>
      <p>
        <a href="/surveys.html" data-testid="open-surveys">
          {i18n.t('surveys.open')}
        </a>
        {' · '}
        <a href="/dashboard.html" data-testid="open-dashboard">
          {i18n.t('dashboard.open')}
        </a>
      </p>
      {view.problem && (
        <p className="error" role="alert">
          {i18n.t('inbox.badLink', { problem: view.problem })}
        </p>
      )}
      <InboxFilterForm key={filtersKey} fields={view.fields} onApply={(fields) => go(fields, null)} />
      <div className="row">
        <p className="muted" role="status" data-testid="inbox-count">
          {loading
            ? i18n.t('inbox.loading')
            : total !== null
              ? i18n.t('inbox.count', total, { count: formatNumber(total) })
              : ''}
        </p>
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard.writeText(location.href).then(() => setNotice(i18n.t('inbox.copied')))
          }
        >
          {i18n.t('inbox.copyLink')}
        </button>
        <button type="button" onClick={() => void exportCsv()} disabled={view.problem !== null}>
          {i18n.t('inbox.export')}
        </button>
      </div>
      {problem && (
        <p className="error" role="alert">
          {i18n.t('inbox.failed', { message: problem })}
        </p>
      )}
      {notice && (
        <p className="ok" role="status">
          {notice}
        </p>
      )}
      {selected.size > 0 && (
        <div
          className="row bulk-bar"
          role="group"
          aria-label={i18n.t('inbox.selected', selected.size, { count: formatNumber(selected.size) })}
        >
          <span>{i18n.t('inbox.selected', selected.size, { count: formatNumber(selected.size) })}</span>
          <label>
            {i18n.t('inbox.setStatus')}
            <select value={bulkStatus} onChange={(e) => setBulkStatus(GapReportStatus.parse(e.currentTarget.value))}>
              {GapReportStatus.options.map((s) => (
                <option key={s} value={s}>
                  {i18n.t(`reports.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void bulk({ status: bulkStatus })}>
            {i18n.t('inbox.applyStatus')}
          </button>
          <button type="button" onClick={() => void bulk({ assignee: me })}>
            {i18n.t('inbox.assignMe')}
          </button>
          <button type="button" onClick={() => void bulk({ assignee: null })}>
            {i18n.t('inbox.unassign')}
          </button>
        </div>
      )}
      <div className="inbox-layout">
        <div>
          {!loading && reports.length === 0 && !view.problem ? (
            <p className="muted">{i18n.t('inbox.none')}</p>
          ) : (
            <InboxTable
              reports={reports}
              selected={selected}
              openId={view.report}
              onSelect={(id, on) => {
                const next = new Set(selected);
                if (on) next.add(id);
                else next.delete(id);
                setSelected(next);
              }}
              onSelectAll={(on) => setSelected(on ? new Set(reports.map((r) => r.id)) : new Set())}
              onOpen={(id) => go(view.fields, id)}
            />
          )}
          {cursor && (
            <button type="button" disabled={loading} onClick={() => void loadMore()}>
              {i18n.t('inbox.loadMore')}
            </button>
          )}
        </div>
        {view.report && (
          <ReportDetail
            key={view.report}
            api={api}
            me={me}
            id={view.report}
            onClose={() => go(view.fields, null)}
            onChanged={() => setGeneration((g) => g + 1)}
          />
        )}
      </div>
    </main>
  );
}
