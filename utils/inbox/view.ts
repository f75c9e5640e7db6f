import { InboxFilters, zodSummary, type InboxFiltersInput } from '../../contract';

/*
 * An inbox view is a URL: `inbox.html?status=new,triaged&site=demo-moderation&sort=severity_desc`
 * (and `&report=<id>` with one report open). What an analyst sends a colleague opens the same view.
 * The query string is read back with the contract's own schema, so a link the API would refuse is
 * refused here with the same message.
 */

/** The filters an inbox view can carry, in the order a link writes them. */
export const VIEW_KEYS = [
  'status',
  'type',
  'severity',
  'site',
  'queue',
  'policy',
  'guideline',
  'section',
  'version',
  'reporterRole',
  'assignee',
  'from',
  'to',
  'tz',
  'q',
  'sort',
  'merged',
] as const satisfies readonly (keyof InboxFiltersInput)[];
export type ViewKey = (typeof VIEW_KEYS)[number];

/** A view as the form edits it: each filter as its query-string text (empty: no filter). */
export type ViewFields = Partial<Record<ViewKey, string>>;

export interface InboxView {
  fields: ViewFields;
  /** The report open beside the list, if any. */
  report: string | null;
  /** Why the link's filters cannot be used, in the contract's words; null when they can. */
  problem: string | null;
}

/** Reads a view from a query string (`location.search`). Unknown parameters are ignored. */
export function readView(search: string): InboxView {
  const params = new URLSearchParams(search);
  const fields: ViewFields = {};
  for (const key of VIEW_KEYS) {
    const value = params.get(key)?.trim();
    if (value) fields[key] = value;
  }
  const checked = InboxFilters.safeParse(fields);
  return {
    fields,
    report: params.get('report') || null,
    problem: checked.success ? null : zodSummary(checked.error, 3),
  };
}

/** The query string of a view (no leading "?"): its filters in a fixed order, then the open report. */
export function viewSearch(fields: ViewFields, report: string | null = null): string {
  const params = new URLSearchParams();
  for (const key of VIEW_KEYS) {
    const value = fields[key]?.trim();
    if (value) params.set(key, value);
  }
  if (report) params.set('report', report);
  return params.toString();
}

/** The filters of a view for the API (empty fields dropped); only call when `problem` is null. */
export function viewFilters(fields: ViewFields): InboxFiltersInput {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v)) as InboxFiltersInput;
}
