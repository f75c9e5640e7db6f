import type { InboxReport } from '../../contract';
import { formatNumber } from '../../utils/format';
import { i18n } from '../../utils/i18n';
import { When } from '../ItemHistory';

/** Where a report was written: site and item, else the guideline section, else nothing. */
export function whereOf(report: InboxReport): string {
  const { site, itemKey, guideline } = report.context;
  const parts = [
    site && itemKey ? `${site}/${itemKey}` : site,
    guideline?.sectionId ? `§${guideline.sectionId}` : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** A note cut to one line's worth for a table cell or a label. */
export function shortNote(note: string, max = 80): string {
  return note.length > max ? `${note.slice(0, max - 1)}…` : note;
}

/**
 * One page of the inbox as a table: a checkbox per report for bulk changes, and the note as the
 * button that opens the report. Every value is text; nothing a reporter wrote becomes markup.
 */
export function InboxTable({
  reports,
  selected,
  onSelect,
  onSelectAll,
  onOpen,
  openId,
}: {
  reports: InboxReport[];
  selected: ReadonlySet<string>;
  onSelect: (id: string, on: boolean) => void;
  onSelectAll: (on: boolean) => void;
  onOpen: (id: string) => void;
  openId: string | null;
}) {
  const allOn = reports.length > 0 && reports.every((r) => selected.has(r.id));
  return (
    <table className="grid inbox-table" data-testid="inbox-table">
      <thead>
        <tr>
          <th scope="col">
            <input
              type="checkbox"
              aria-label={i18n.t('inbox.selectAll')}
              checked={allOn}
              onChange={(e) => onSelectAll(e.currentTarget.checked)}
            />
          </th>
          <th scope="col">{i18n.t('inbox.columns.reported')}</th>
          <th scope="col">{i18n.t('inbox.columns.status')}</th>
          <th scope="col">{i18n.t('inbox.columns.severity')}</th>
          <th scope="col">{i18n.t('inbox.columns.type')}</th>
          <th scope="col">{i18n.t('inbox.columns.where')}</th>
          <th scope="col">{i18n.t('inbox.columns.note')}</th>
          <th scope="col">{i18n.t('inbox.columns.reporter')}</th>
          <th scope="col">{i18n.t('inbox.columns.assignee')}</th>
        </tr>
      </thead>
      <tbody>
        {reports.map((report) => (
          <tr
            key={report.id}
            data-testid="inbox-row"
            data-report-id={report.id}
            aria-current={openId === report.id ? 'true' : undefined}
          >
            <td>
              <input
                type="checkbox"
                aria-label={i18n.t('inbox.selectOne', { note: shortNote(report.note, 60) })}
                checked={selected.has(report.id)}
                onChange={(e) => onSelect(report.id, e.currentTarget.checked)}
              />
            </td>
            <td>
              <When iso={report.createdAt} />
            </td>
            <td>
              <span className={`pill status-${report.status}`}>{i18n.t(`reports.status.${report.status}`)}</span>
              {report.duplicateOf && <span className="muted"> {i18n.t('inbox.mergedInto')}</span>}
              {report.mergedCount > 0 && (
                <span className="muted">
                  {' '}
                  {i18n.t('inbox.mergedCount', report.mergedCount, { count: formatNumber(report.mergedCount) })}
                </span>
              )}
            </td>
            <td>{i18n.t(`report.severities.${report.severity}`)}</td>
            <td>{i18n.t(`report.types.${report.type}`)}</td>
            <td>{whereOf(report)}</td>
            <td>
              <button
                type="button"
                className="link"
                onClick={() => onOpen(report.id)}
                aria-label={i18n.t('inbox.openReport', { note: shortNote(report.note, 60) })}
              >
                {shortNote(report.note)}
              </button>
            </td>
            <td>{report.reporter.name}</td>
            <td>{report.assignee?.name ?? i18n.t('inbox.unassigned')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
