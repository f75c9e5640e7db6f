import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, type FormEvent } from 'react';
import { v7 } from 'uuid';
import { GapReportStatus, type DuplicateCandidate, type GapHistoryEntry, type QualityEvent } from '../../contract';
import type { ApiClient } from '../../utils/api/client';
import { getDb } from '../../utils/db/app-db';
import { errorMessage } from '../../utils/error-message';
import { useLoaded } from '../../utils/hooks/use-loaded';
import { versionNamed } from '../../utils/guidelines/guideline-store';
import { formatNumber } from '../../utils/format';
import { i18n } from '../../utils/i18n';
import { request } from '../../utils/messaging/page-messaging';
import { EventTimeline, When } from '../ItemHistory';
import { SectionCard } from '../guidelines/SectionCard';
import { shortNote, whereOf } from './InboxTable';

/** One history entry in words: who did what, and when. */
function HistoryLine({ entry }: { entry: GapHistoryEntry }) {
  const name = (value: string | null) =>
    value === null
      ? i18n.t('inbox.unassigned')
      : entry.action === 'status' && GapReportStatus.safeParse(value).success
        ? i18n.t(`reports.status.${value as GapReportStatus}`)
        : value;
  const words = {
    status: () => i18n.t('inbox.detail.actions.status', { from: name(entry.from), to: name(entry.to) }),
    assignee: () => i18n.t('inbox.detail.actions.assignee', { from: name(entry.from), to: name(entry.to) }),
    comment: () => i18n.t('inbox.detail.actions.comment'),
    duplicate_of: () => i18n.t('inbox.detail.actions.duplicate_of', { to: entry.to ?? '' }),
    merged: () => i18n.t('inbox.detail.actions.merged', { to: entry.to ?? '' }),
  }[entry.action];
  return (
    <li>
      <strong>{entry.actor.name}</strong> {words()} · <When iso={entry.at} />
    </li>
  );
}

/** The guideline section as the reporter saw it: that version, from this device's guideline copy. */
function SectionAsSeen({
  guidelineId,
  version,
  sectionId,
}: {
  guidelineId: string;
  version: string;
  sectionId: string;
}) {
  const stored = useLiveQuery(() => versionNamed(getDb(), guidelineId, version), [guidelineId, version]);
  if (stored === undefined)
    return <p className="muted">{i18n.t('inbox.detail.sectionMissing', { guideline: guidelineId, version })}</p>;
  const section = stored.sections.find((s) => s.id === sectionId);
  if (!section)
    return <p className="muted">{i18n.t('inbox.detail.sectionMissing', { guideline: guidelineId, version })}</p>;
  return <SectionCard version={stored} section={section} headingLevel={4} />;
}

/** The item's quality history through the background's cache (the same path the item panel uses). */
function ItemQuality({ site, itemKey }: { site: string; itemKey: string }) {
  const [events, setEvents] = useState<QualityEvent[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    request('loadItemEvents', { site, itemKey, more: false, force: false }).then(
      (state) => live && setEvents(state.events),
      (error: unknown) => live && setFailed(errorMessage(error)),
    );
    return () => {
      live = false;
    };
  }, [site, itemKey]);
  if (failed) return <p className="error">{i18n.t('inbox.failed', { message: failed })}</p>;
  if (!events) return <p className="muted">{i18n.t('inbox.loading')}</p>;
  return <EventTimeline events={events} />;
}

/** The reporter's redacted screenshot, fetched with the analyst's token and shown from an object URL. */
function Screenshot({ api, id }: { api: ApiClient; id: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    let live = true;
    api.screenshot(id).then(
      (blob) => {
        if (!live) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      },
      (error: unknown) => live && setFailed(errorMessage(error)),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [api, id]);
  if (failed) return <p className="error">{i18n.t('inbox.failed', { message: failed })}</p>;
  if (!url) return <p className="muted">{i18n.t('inbox.loading')}</p>;
  return (
    <img
      className="report-screenshot"
      src={url}
      alt={i18n.t('inbox.detail.screenshotAlt')}
      data-testid="report-screenshot"
    />
  );
}

/** Likely duplicates with a checkbox each, merged into this report with one action. */
function Duplicates({
  candidates,
  onMerge,
  busy,
}: {
  candidates: DuplicateCandidate[];
  onMerge: (ids: string[]) => void;
  busy: boolean;
}) {
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  if (candidates.length === 0) return <p className="muted">{i18n.t('inbox.detail.noDuplicates')}</p>;
  return (
    <div data-testid="duplicates">
      <ul className="plain">
        {candidates.map(({ report, reasons }) => (
          <li key={report.id} data-testid="duplicate" data-report-id={report.id}>
            <label className="check">
              <input
                type="checkbox"
                checked={chosen.has(report.id)}
                aria-label={i18n.t('inbox.detail.selectDuplicate', { note: shortNote(report.note, 60) })}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.currentTarget.checked) next.add(report.id);
                  else next.delete(report.id);
                  setChosen(next);
                }}
              />
              <span>{shortNote(report.note)}</span>
            </label>{' '}
            <span className="muted">
              {report.reporter.name} · {reasons.map((r) => i18n.t(`inbox.detail.duplicateReasons.${r}`)).join(', ')}
            </span>
          </li>
        ))}
      </ul>
      <button type="button" disabled={busy || chosen.size === 0} onClick={() => onMerge([...chosen])}>
        {i18n.t('inbox.detail.merge')}
      </button>
    </div>
  );
}

/**
 * One report with everything triage needs: its context (the page, the item and its quality history,
 * the guideline section in the version the reporter saw, the redacted screenshot), the status and
 * assignee, comments the reporter will see, the history, and likely duplicates to merge.
 */
export function ReportDetail({
  api,
  me,
  id,
  onClose,
  onChanged,
}: {
  api: ApiClient;
  me: string;
  id: string;
  onClose: () => void;
  /** A change was saved: the list may be stale. */
  onChanged: () => void;
}) {
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [comment, setComment] = useState('');
  const [generation, setGeneration] = useState(0);
  const loaded = useLoaded(() => Promise.all([api.reportDetail(id), api.duplicates(id)]), `${id}#${generation}`);
  const [detail, duplicates] = loaded.value ?? [null, null];
  const candidates = duplicates?.candidates ?? null;
  const problem = failure ?? loaded.error;

  /** Runs one change, then reloads the report and tells the list. */
  const change = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setFailure(null);
    try {
      setNotice(await work());
      setGeneration((g) => g + 1);
      onChanged();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const addComment = (event: FormEvent) => {
    event.preventDefault();
    const body = comment.trim();
    if (!body) return;
    void change(async () => {
      await api.comment(id, { id: v7(), body });
      setComment('');
      return null;
    });
  };

  if (!detail) {
    return (
      <section className="card report-detail" aria-labelledby="report-detail-title">
        <h2 id="report-detail-title">{i18n.t('inbox.detail.title')}</h2>
        {problem ? (
          <p className="error" role="alert">
            {i18n.t('inbox.failed', { message: problem })}
          </p>
        ) : (
          <p className="muted">{i18n.t('inbox.loading')}</p>
        )}
        <button type="button" onClick={onClose}>
          {i18n.t('inbox.detail.close')}
        </button>
      </section>
    );
  }
  const { report, comments, history, merged } = detail;
  const { context } = report;
  const guideline = context.guideline;
  return (
    <section
      className="card report-detail"
      aria-labelledby="report-detail-title"
      data-testid="report-detail"
      data-report-id={report.id}
    >
      <div className="row">
        <h2 id="report-detail-title">{shortNote(report.note, 60)}</h2>
        <button type="button" onClick={onClose}>
          {i18n.t('inbox.detail.close')}
        </button>
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {notice && (
        <p className="ok" role="status">
          {notice}
        </p>
      )}
      <p className="report-note" data-testid="detail-note">
        {report.note}
      </p>
      <p className="muted">
        {i18n.t('inbox.detail.reporterLine', {
          name: report.reporter.name,
          role: i18n.t(`roles.${report.reporter.role}`),
        })}{' '}
        · {i18n.t(`report.types.${report.type}`)} · {i18n.t(`report.severities.${report.severity}`)} ·{' '}
        <When iso={report.createdAt} />
      </p>

      <div className="row">
        <label>
          {i18n.t('inbox.detail.statusLabel')}
          <select
            value={report.status}
            disabled={busy || report.duplicateOf !== null}
            data-testid="detail-status"
            onChange={(e) => {
              const status = GapReportStatus.parse(e.currentTarget.value);
              void change(async () => (await api.patchReport(id, { status }), null));
            }}
          >
            {GapReportStatus.options.map((s) => (
              <option key={s} value={s}>
                {i18n.t(`reports.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <span>
          {i18n.t('inbox.assignee')}: {report.assignee?.name ?? i18n.t('inbox.unassigned')}
        </span>
        {report.assignee?.id !== me && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void change(async () => (await api.patchReport(id, { assignee: me }), null))}
          >
            {i18n.t('inbox.assignMe')}
          </button>
        )}
        {report.assignee && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void change(async () => (await api.patchReport(id, { assignee: null }), null))}
          >
            {i18n.t('inbox.unassign')}
          </button>
        )}
      </div>

      <h3>{i18n.t('inbox.detail.context')}</h3>
      <dl className="kv">
        {context.pageUrl && (
          <>
            <dt>{i18n.t('inbox.detail.page')}</dt>
            <dd>
              <a href={context.pageUrl} target="_blank" rel="noopener noreferrer">
                {context.pageTitle || context.pageUrl}
              </a>
            </dd>
          </>
        )}
        {whereOf(report) && (
          <>
            <dt>{i18n.t('inbox.detail.item')}</dt>
            <dd>{whereOf(report)}</dd>
          </>
        )}
        {context.selection && (
          <>
            <dt>{i18n.t('inbox.detail.selection')}</dt>
            <dd>{context.selection}</dd>
          </>
        )}
        {context.fields &&
          Object.entries(context.fields).map(([field, value]) => (
            <div key={field}>
              <dt>{field}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>

      <h3>{i18n.t('inbox.detail.section')}</h3>
      {guideline?.version && guideline.sectionId ? (
        <SectionAsSeen
          guidelineId={guideline.guidelineId}
          version={guideline.version}
          sectionId={guideline.sectionId}
        />
      ) : (
        <p className="muted">{i18n.t('inbox.detail.noSection')}</p>
      )}

      <h3>{i18n.t('inbox.detail.itemHistory')}</h3>
      {context.site && context.itemKey ? (
        <ItemQuality site={context.site} itemKey={context.itemKey} />
      ) : (
        <p className="muted">{i18n.t('inbox.detail.noItem')}</p>
      )}

      <h3>{i18n.t('inbox.detail.screenshot')}</h3>
      {report.hasScreenshot ? (
        <Screenshot api={api} id={report.id} />
      ) : (
        <p className="muted">{i18n.t('inbox.detail.noScreenshot')}</p>
      )}

      <h3>{i18n.t('inbox.detail.comments')}</h3>
      {comments.length === 0 ? (
        <p className="muted">{i18n.t('inbox.detail.noComments')}</p>
      ) : (
        <ol className="comments">
          {comments.map((c) => (
            <li key={c.id} data-testid="detail-comment">
              <strong>{c.author.name}</strong> <When iso={c.at} />
              <p>{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={addComment} className="stack">
        <label>
          {i18n.t('inbox.detail.commentLabel')}
          <textarea value={comment} maxLength={4000} onChange={(e) => setComment(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy || comment.trim() === ''}>
          {i18n.t('inbox.detail.addComment')}
        </button>
      </form>

      <h3>{i18n.t('inbox.detail.duplicates')}</h3>
      {candidates && (
        <Duplicates
          key={generation}
          candidates={candidates}
          busy={busy}
          onMerge={(ids) =>
            void change(async () => {
              await api.merge(id, { duplicates: ids });
              return i18n.t('inbox.detail.mergedDone', ids.length, { count: formatNumber(ids.length) });
            })
          }
        />
      )}
      {merged.length > 0 && (
        <>
          <h4>{i18n.t('inbox.detail.mergedList')}</h4>
          <ul className="plain" data-testid="merged-list">
            {merged.map((m) => (
              <li key={m.id}>
                {shortNote(m.note)} <span className="muted">{m.reporter.name}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>{i18n.t('inbox.detail.history')}</h3>
      {history.length === 0 ? (
        <p className="muted">{i18n.t('inbox.detail.noHistory')}</p>
      ) : (
        <ol className="history" data-testid="detail-history">
          {history.map((entry, i) => (
            <HistoryLine key={i} entry={entry} />
          ))}
        </ol>
      )}
    </section>
  );
}
