import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { StoredGapReport } from '../../utils/db/app-db';
import { getDb } from '../../utils/db/app-db';
import { formatNumber } from '../../utils/format';
import { i18n } from '../../utils/i18n';
import { pendingCount, reportCount, reportsOf } from '../../utils/reports/report-queries';
import { When } from '../ItemHistory';
import { useThrottledQuery } from '../use-throttled-query';

/** Where a report is: waiting on this device, refused, or its triage status on the server. */
function Status({ report }: { report: StoredGapReport }) {
  if (report.localState === 'pending') return <span className="pill pending">{i18n.t('reports.pending')}</span>;
  if (report.localState === 'rejected') {
    return (
      <span className="pill rejected" title={report.rejection?.message}>
        {i18n.t('reports.rejected')}
      </span>
    );
  }
  return <span className="pill">{i18n.t(`reports.status.${report.status ?? 'new'}`)}</span>;
}

/**
 * The signed-in user's SOP gap reports, newest first, read live from IndexedDB: each one's
 * status and the comments analysts added (pulled through sync). All of it is rendered as text.
 */
export function MyReports({ ownerId, limit = 20 }: { ownerId: string; limit?: number }) {
  const [shown, setShown] = useState(limit);
  // Only what is on screen is read live; the counts, which read every report, at most once a second.
  const reports = useLiveQuery(() => reportsOf(getDb(), ownerId, shown), [ownerId, shown]);
  const counts = useThrottledQuery(
    async () => {
      const db = getDb();
      const [total, pending] = await Promise.all([reportCount(db, ownerId), pendingCount(db, ownerId)]);
      return { total, pending };
    },
    [ownerId],
    { db: getDb().name, tables: ['gapReports'] },
  );
  if (!reports) return null;
  const { total, pending } = counts ?? { total: reports.length, pending: 0 };
  return (
    <section className="my-reports" data-testid="my-reports" aria-labelledby="my-reports-title">
      <h2 id="my-reports-title">{i18n.t('reports.title')}</h2>
      {reports.length === 0 ? (
        <p className="muted">{i18n.t('reports.none')}</p>
      ) : (
        <>
          {pending > 0 && (
            <p className="muted" role="status">
              {i18n.t('reports.waiting', pending, { count: formatNumber(pending) })}
            </p>
          )}
          <ul className="report-list">
            {reports.map((report) => (
              <li key={report.id} data-testid="my-report" data-report-id={report.id}>
                <div className="row">
                  <Status report={report} />
                  <strong>{i18n.t(`report.types.${report.type}`)}</strong>
                  <span className="muted">
                    <When iso={report.createdAt} />
                  </span>
                </div>
                <p className="report-note">{report.note}</p>
                {report.rejection && <p className="error">{report.rejection.message}</p>}
                {report.comments.length > 0 && (
                  <ol className="comments" aria-label={i18n.t('reports.comments')}>
                    {report.comments.map((comment) => (
                      <li key={comment.id} data-testid="report-comment">
                        <strong>{comment.author.name}</strong> <When iso={comment.at} />
                        <p>{comment.body}</p>
                      </li>
                    ))}
                  </ol>
                )}
              </li>
            ))}
          </ul>
          {total > reports.length && (
            <p className="row">
              <span className="muted">
                {i18n.t('reports.showing', { shown: formatNumber(reports.length), total: formatNumber(total) })}
              </span>
              <button type="button" onClick={() => setShown((n) => n + limit)}>
                {i18n.t('reports.more')}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
