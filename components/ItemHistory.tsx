import { format, formatDistanceToNow } from 'date-fns';
import type { EventKind, ItemSummary, QualityEvent } from '../contract/quality';
import { VerdictPill } from './VerdictPill';

const KIND_TEXT: Record<EventKind, string> = {
  qa_audit: 'QA audit',
  appeal: 'Appeal',
  gold_check: 'Gold check',
  consensus: 'Consensus',
};

/** "3 days ago", with the exact time on hover. */
export function When({ iso }: { iso: string }) {
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={format(date, 'PPpp')}>
      {formatDistanceToNow(date, { addSuffix: true })}
    </time>
  );
}

/** The four numbers a moderator checks first. */
export function SummaryStats({ summary }: { summary: ItemSummary }) {
  return (
    <div className="stats" aria-label="Quality summary">
      <div className="stat">
        <b data-testid="audits">{summary.audits}</b>audits
      </div>
      <div className="stat">
        <b data-testid="incorrect">{summary.incorrect}</b>incorrect
      </div>
      <div className="stat">
        <b data-testid="overturns">{summary.overturns}</b>overturns
      </div>
      <div className="stat">
        <VerdictPill verdict={summary.lastVerdict} />
        <div className="muted">{summary.lastAt ? <When iso={summary.lastAt} /> : 'never audited'}</div>
      </div>
    </div>
  );
}

/** An item's quality events, newest first. */
export function EventTimeline({ events }: { events: QualityEvent[] }) {
  if (events.length === 0) return <p className="muted">No quality events for this item yet.</p>;
  return (
    <ol className="timeline" aria-label="Quality events">
      {events.map((event) => (
        <li key={event.id} className={event.verdict} data-testid="event">
          <div className="row">
            <strong>{KIND_TEXT[event.kind]}</strong>
            <VerdictPill verdict={event.verdict} />
            <span className="muted">
              <When iso={event.occurredAt} />
            </span>
          </div>
          <dl className="kv">
            <dt>Policy</dt>
            <dd>{event.policy}</dd>
            <dt>Decision</dt>
            <dd>
              {event.decision}
              {event.correctedDecision && event.correctedDecision !== event.decision
                ? ` → ${event.correctedDecision}`
                : ''}
            </dd>
            {event.actor && (
              <>
                <dt>Decided by</dt>
                <dd>{event.actor}</dd>
              </>
            )}
            {event.auditor && (
              <>
                <dt>Reviewed by</dt>
                <dd>{event.auditor}</dd>
              </>
            )}
            {event.guidelineVersion && (
              <>
                <dt>Guidelines</dt>
                <dd>{event.guidelineVersion}</dd>
              </>
            )}
            {event.note && (
              <>
                <dt>Note</dt>
                <dd>{event.note}</dd>
              </>
            )}
          </dl>
        </li>
      ))}
    </ol>
  );
}
