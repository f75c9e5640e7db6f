import { browser } from 'wxt/browser';
import { i18n } from '../i18n';
import type { ReportChange } from '../sync/puller';
import { onStatusChanged } from '../sync/status-changes';

/** The longest excerpt of a note or comment a notification shows. */
const EXCERPT = 120;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT ? flat : `${flat.slice(0, EXCERPT - 1)}…`;
}

/** The notification's words for one changed report: its new status, or the newest analyst comment. */
export function notificationText(change: ReportChange): string {
  const comment = change.newComments.at(-1);
  if (change.previousStatus !== null || !comment) {
    return i18n.t('reports.notifyStatus', {
      status: i18n.t(`reports.status.${change.report.status ?? 'new'}`),
      note: excerpt(change.report.note),
    });
  }
  return i18n.t('reports.notifyComment', { author: comment.author.name, body: excerpt(comment.body) });
}

/**
 * A browser notification when a pull brings a status change or an analyst's comment on one of
 * the user's reports (pulled through sync, never pushed). Plain text: notifications render none
 * of it as markup.
 */
export function setupReportNotifications(): void {
  onStatusChanged((changes) => {
    for (const change of changes) {
      browser.notifications
        .create(`qa-lens-report-${change.report.id}-${change.report.revision}`, {
          type: 'basic',
          iconUrl: browser.runtime.getURL('/icon/128.png'),
          title: i18n.t('reports.notifyTitle'),
          message: notificationText(change),
        })
        .catch((error: unknown) => console.warn('[QA Lens] notification failed', error));
    }
  });
}
