import { browser } from 'wxt/browser';
import { GAP_SELECTION_MAX, type GapReportContext } from '../../contract/gap-report';
import { keepCapture } from './capture-store';
import { reportFormSearch } from './report-form-url';

export interface OpenReportFormOptions {
  /** Capture the visible tab of this window first (only after the user's gesture on the extension). */
  captureWindowId?: number;
}

/**
 * Opens the SOP gap report form in its own window, pre-filled with `context`. With a window to
 * capture, the visible tab is captured first and handed to the form in memory (see capture-store).
 */
export async function openReportForm(context: GapReportContext, options: OpenReportFormOptions = {}): Promise<void> {
  let token: string | undefined;
  if (options.captureWindowId !== undefined) {
    try {
      token = keepCapture(await browser.tabs.captureVisibleTab(options.captureWindowId, { format: 'png' }));
    } catch (error) {
      // No grant for this tab (e.g. a page the user never invoked the extension on): no screenshot.
      console.warn('[QA Lens] could not capture the tab for a report', error);
    }
  }
  const url = `${browser.runtime.getURL('/report.html')}${reportFormSearch(clamp(context), token)}`;
  await browser.windows.create({ url, type: 'popup', width: 560, height: 820 });
}

/** A selection longer than a report may hold keeps its beginning. */
function clamp(context: GapReportContext): GapReportContext {
  const selection = context.selection;
  return selection && selection.length > GAP_SELECTION_MAX
    ? { ...context, selection: `${selection.slice(0, GAP_SELECTION_MAX - 1)}…` }
    : context;
}
