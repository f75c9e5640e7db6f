import { browser, type Browser } from 'wxt/browser';
import type { GapReportContext } from '../../contract/gap-report';
import { askTab } from '../background/push';
import { i18n } from '../i18n';
import { openReportForm } from './open-report-form';

/** The context-menu entry and the `commands` shortcut that open the report form. */
export const REPORT_MENU_ID = 'qa-lens-report-gap';
export const REPORT_COMMAND = 'report-gap';

/**
 * What a tab says for a report: the selection and the item it sits in (or the item last pointed
 * at), from the overlay when it runs there; the tab's own URL and title otherwise.
 */
async function contextOf(tab: Browser.tabs.Tab, selectionText?: string): Promise<GapReportContext> {
  const context: GapReportContext = {
    pageUrl: tab.url && /^https?:/.test(tab.url) ? tab.url : null,
    pageTitle: tab.title?.slice(0, 500) ?? null,
    selection: selectionText ?? null,
  };
  if (tab.id === undefined) return context;
  try {
    const page = await askTab(tab.id, 'reportContext', {});
    return {
      ...context,
      pageTitle: page.pageTitle.slice(0, 500) || context.pageTitle,
      selection: page.selection ?? context.selection,
      ...(page.item ? { site: page.item.site, itemKey: page.item.itemKey, fields: page.item.fields } : {}),
    };
  } catch {
    // No overlay on this page (not an adapted tool): the tab's URL, title and selection still help.
    return context;
  }
}

/** Opens the form for a tab after the user's gesture on the extension, with a screenshot of the tab. */
async function reportFrom(tab: Browser.tabs.Tab | undefined, selectionText?: string): Promise<void> {
  if (!tab) return;
  const context = await contextOf(tab, selectionText);
  await openReportForm(context, { captureWindowId: tab.windowId });
}

/**
 * Registers the right-click entry (on a selection or anywhere on a page) and the keyboard
 * shortcut (Alt+Shift+R by default; people change it in the browser's shortcut settings). Both
 * are gestures on the extension, which grant `activeTab`: the form can include a screenshot.
 */
export function setupReportEntryPoints(): void {
  browser.runtime.onInstalled.addListener(() => {
    void browser.contextMenus.removeAll().then(() =>
      browser.contextMenus.create({
        id: REPORT_MENU_ID,
        title: i18n.t('report.menu'),
        contexts: ['selection', 'page'],
        documentUrlPatterns: ['http://*/*', 'https://*/*'],
      }),
    );
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== REPORT_MENU_ID) return;
    reportFrom(tab, info.selectionText).catch((error: unknown) => console.warn('[QA Lens] report form', error));
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== REPORT_COMMAND) return;
    const active = tab
      ? Promise.resolve(tab)
      : browser.tabs.query({ active: true, currentWindow: true }).then((tabs) => tabs[0]);
    active.then((t) => reportFrom(t)).catch((error: unknown) => console.warn('[QA Lens] report form', error));
  });
}
