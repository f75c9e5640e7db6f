import type { ItemSummary, QualityEvent } from '../contract/quality';
import { formatDateTime, formatNumber, formatTimeAgo } from '../utils/format';
import { i18n } from '../utils/i18n';
import { VerdictPill } from './VerdictPill';

/** "3 days ago", with the exact time on hover, in the UI's language. */
export function When({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatTimeAgo(iso)}
    </time>
  );
}

/** The four numbers a moderator checks first. */
export function SummaryStats({ summary }: { summary: ItemSummary }) {
  return (
    <div className="stats" role="group" aria-label={i18n.t('history.summary')}>
      <div className="stat">
        <b data-testid="audits">{formatNumber(summary.audits)}</b>
        {i18n.t('history.audits', summary.audits)}
      </div>
      <div className="stat">
        <b data-testid="incorrect">{formatNumber(summary.incorrect)}</b>
        {i18n.t('history.incorrect')}
      </div>
      <div className="stat">
        <b data-testid="overturns">{formatNumber(summary.overturns)}</b>
        {i18n.t('history.overturns', summary.overturns)}
      </div>
      <div className="stat">
        <VerdictPill verdict={summary.lastVerdict} />
        <div className="muted">{summary.lastAt ? <When iso={summary.lastAt} /> : i18n.t('history.neverAudited')}</div>
      </div>
    </div>
  );
}

/** An item's quality events, newest first. */
export function EventTimeline({ events }: { events: QualityEvent[] }) {
  if (events.length === 0) return <p className="muted">{i18n.t('history.noEvents')}</p>;
  return (
    <ol className="timeline" aria-label={i18n.t('history.events')}>
      {events.map((event) => (
        <li key={event.id} className={event.verdict} data-testid="event">
          <div className="row">
            <strong>{i18n.t(`history.kind.${event.kind}`)}</strong>
            <VerdictPill verdict={event.verdict} />
            <span className="muted">
              <When iso={event.occurredAt} />
            </span>
          </div>
          <dl className="kv">
            <dt>{i18n.t('history.policy')}</dt>
            <dd>{event.policy}</dd>
            <dt>{i18n.t('history.decision')}</dt>
            <dd>
              {event.decision}
              {event.correctedDecision && event.correctedDecision !== event.decision
                ? ` → ${event.correctedDecision}`
                : ''}
            </dd>
            {event.actor && (
              <>
                <dt>{i18n.t('history.decidedBy')}</dt>
                <dd>{event.actor}</dd>
              </>
            )}
            {event.auditor && (
              <>
                <dt>{i18n.t('history.reviewedBy')}</dt>
                <dd>{event.auditor}</dd>
              </>
            )}
            {event.guidelineVersion && (
              <>
                <dt>{i18n.t('history.guidelines')}</dt>
                <dd>{event.guidelineVersion}</dd>
              </>
            )}
            {event.note && (
              <>
                <dt>{i18n.t('history.note')}</dt>
                <dd>{event.note}</dd>
              </>
            )}
          </dl>
        </li>
      ))}
    </ol>
  );
}
