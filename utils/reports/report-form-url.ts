import type { GapReportContext } from '../../contract/gap-report';

/*
 * How the report form is opened: its URL carries the context the extension filled in (the page,
 * the item, the selection, the guideline section) and, when a screenshot was taken, the one-time
 * token the form trades for it. The unredacted screenshot never reaches storage: the background
 * holds it in memory until the form takes it (see capture-store.ts).
 */

/** Query parameter names of report.html. */
const CONTEXT_PARAM = 'context';
const CAPTURE_PARAM = 'capture';

/** The search part of report.html's URL for a context and an optional capture token. */
export function reportFormSearch(context: GapReportContext, captureToken?: string): string {
  const params = new URLSearchParams({ [CONTEXT_PARAM]: JSON.stringify(context) });
  if (captureToken) params.set(CAPTURE_PARAM, captureToken);
  return `?${params.toString()}`;
}

/** What report.html's URL says; a context that does not parse is treated as none (the form still works). */
export function readReportFormSearch(search: string): {
  context: Record<string, unknown>;
  captureToken: string | null;
} {
  const params = new URLSearchParams(search);
  let context: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(params.get(CONTEXT_PARAM) ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) context = parsed as Record<string, unknown>;
  } catch {
    // A hand-edited URL: start from an empty context.
  }
  return { context, captureToken: params.get(CAPTURE_PARAM) };
}

/**
 * The key a report's draft is saved under: the same place (page, item, section, selection) opens
 * the same draft again after a reload or a restart.
 */
export function draftKeyOf(context: GapReportContext): string {
  return [
    'report',
    context.site ?? '',
    context.itemKey ?? '',
    context.guideline?.guidelineId ?? '',
    context.guideline?.sectionId ?? '',
    (context.selection ?? '').slice(0, 200),
    context.site || context.itemKey ? '' : (context.pageUrl ?? ''),
  ].join('\u0001');
}
