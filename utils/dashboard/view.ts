import { addDays, format, parseISO } from 'date-fns';
import { z } from 'zod';
import {
  CustomMetricId,
  MetricFilters,
  MetricsEventsQuery,
  MetricsSeriesQuery,
  SectionSignalsQuery,
  zodSummary,
  type MetricDimension,
} from '../../contract';
import type { QueryFields } from '../api/metrics-calls';

/*
 * Every view of the dashboards is a URL, so back and forward work and a link opens the same view:
 *   dashboard.html?view=metric&metric=accuracy&groupBy=queue&from=…&to=…&tz=…   a metric per day
 *   dashboard.html?view=sections&from=…&to=…&tz=…&windowDays=14                 the section signals
 *   dashboard.html?view=events&metric=accuracy&date=…&queue=posts&tz=…          what is behind a point
 *   dashboard.html?view=definitions[&new | &edit=<id> | &index]                   the metrics' definitions
 * A link that leaves parts out gets the defaults (the last 60 days in the reader's zone), and the
 * page writes them into the address, so what an analyst copies is the view they see. Fields are
 * checked with the contract's own schemas: a link the API would refuse says why, in its words.
 */

export type DashboardPage = 'metric' | 'sections' | 'events' | 'definitions';

/** The pages whose views are days of data (the definitions page has none). */
type DaysPage = Exclude<DashboardPage, 'definitions'>;

const PAGES: readonly DashboardPage[] = ['metric', 'sections', 'events', 'definitions'];

export interface DashboardView {
  page: DashboardPage;
  /** The view's query parameters as text, in the order a link writes them; empty ones left out. */
  fields: QueryFields;
}

export interface ReadDashboardView {
  view: DashboardView;
  /** Why the link cannot be used as it is, in the contract's words; null when it can. */
  problem: string | null;
}

/** The dimensions every metric view may filter by, as the contract names them. */
export const FILTER_KEYS = MetricFilters.keyof().options as readonly MetricDimension[];

/** Parameters each page reads, in the order its links write them. */
const KEYS: Record<DashboardPage, readonly string[]> = {
  // `version`: which version of the core index (the newest without it); other metrics ignore it.
  metric: ['metric', 'groupBy', 'from', 'to', 'tz', 'version', ...FILTER_KEYS],
  events: ['metric', 'date', 'from', 'to', 'tz', ...FILTER_KEYS],
  sections: ['from', 'to', 'tz', 'windowDays', 'site', 'guideline'],
  definitions: ['edit', 'new', 'index'],
};

/** Parameters that are there or not, written without a value (`?view=definitions&new`). */
const FLAGS: ReadonlySet<string> = new Set(['new', 'index']);
/** The value a flag holds in a view's fields (fields are text; empty means "not set"). */
const ON = 'on';

/** The definitions page shows one part at a time: the list, a new custom metric, one to edit, or the core index. */
const DefinitionsQuery = z
  .object({ edit: CustomMetricId.optional(), new: z.literal(ON).optional(), index: z.literal(ON).optional() })
  .refine((query) => [query.edit, query.new, query.index].filter(Boolean).length <= 1, {
    message: 'name one of edit, new or index',
  });

const SCHEMAS = {
  metric: MetricsSeriesQuery,
  events: MetricsEventsQuery,
  sections: SectionSignalsQuery,
  definitions: DefinitionsQuery,
};

/** Days a view shows when its link names no range: the last 60 days for a metric, 90 for changes. */
export const DEFAULT_DAYS: Record<DaysPage, number> = { metric: 60, events: 1, sections: 90 };

/** Today in `tz` as YYYY-MM-DD (the reader's zone when it is not a zone this browser knows). */
export function todayIn(tz: string, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      now,
    );
  } catch {
    return format(now, 'yyyy-MM-dd');
  }
}

/** `day` moved by `days` calendar days (YYYY-MM-DD in and out). */
export function shiftDay(day: string, days: number): string {
  return format(addDays(parseISO(day), days), 'yyyy-MM-dd');
}

/** The reader's own time zone, which a view uses unless its link names one. */
export function readerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The defaults a view takes for the parameters its link leaves out. */
function withDefaults(page: DashboardPage, fields: Record<string, string>, now: Date): Record<string, string> {
  if (page === 'definitions') return fields;
  const tz = fields.tz || readerZone();
  const out: Record<string, string> = { ...fields, tz };
  if (page === 'events') return out;
  const to = fields.to || todayIn(tz, now);
  out.to = to;
  out.from = fields.from || shiftDay(to, 1 - DEFAULT_DAYS[page]);
  if (page === 'metric') {
    out.metric = fields.metric || 'accuracy';
    out.groupBy = fields.groupBy || 'queue';
  } else {
    out.windowDays = fields.windowDays || '14';
  }
  return out;
}

/** Only the keys `page` reads, in its order, empty ones dropped. */
function ordered(page: DashboardPage, fields: QueryFields): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of KEYS[page]) {
    const value = fields[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

/** Reads a view from a query string (`location.search`); unknown parameters are ignored. */
export function readDashboardView(search: string, now: Date = new Date()): ReadDashboardView {
  const params = new URLSearchParams(search);
  const raw = params.get('view');
  const page = PAGES.find((p) => p === raw) ?? 'metric';
  const given: Record<string, string> = {};
  for (const key of KEYS[page]) {
    const value = FLAGS.has(key) ? (params.has(key) ? ON : null) : params.get(key)?.trim();
    if (value) given[key] = value;
  }
  const fields = ordered(page, withDefaults(page, given, now));
  const checked = SCHEMAS[page].safeParse(fields);
  const problems = [
    raw !== null && raw !== page ? `view: "${raw}" is not a dashboard view` : null,
    checked.success ? null : zodSummary(checked.error, 3),
  ].filter((problem) => problem !== null);
  return { view: { page, fields }, problem: problems.length > 0 ? problems.join('; ') : null };
}

/** The query string of a view (no leading "?"). */
export function dashboardSearch(view: DashboardView): string {
  const params = new URLSearchParams({ view: view.page });
  const flags: string[] = [];
  for (const [key, value] of Object.entries(ordered(view.page, view.fields))) {
    if (FLAGS.has(key)) flags.push(key);
    else params.set(key, value);
  }
  return [params.toString(), ...flags].join('&');
}

/** A view of `page` with `fields`, for links built from other views' fields or the API's drill queries. */
export function viewOf(
  page: DashboardPage,
  fields: Readonly<Record<string, string | undefined | null>>,
): DashboardView {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) if (value) clean[key] = value;
  return { page, fields: ordered(page, clean) };
}

/** What the definitions page shows: every metric, a new custom metric's form, one custom metric's, or the core index. */
export type DefinitionsPart = { part: 'list' } | { part: 'new' } | { part: 'edit'; id: string } | { part: 'index' };

/** The view of one part of the definitions page. */
export function definitionsView(target: DefinitionsPart): DashboardView {
  switch (target.part) {
    case 'list':
      return viewOf('definitions', {});
    case 'edit':
      return viewOf('definitions', { edit: target.id });
    default:
      return viewOf('definitions', { [target.part]: ON });
  }
}

/** The part of the definitions page a view shows (a link naming two shows the first of edit, new, index). */
export function definitionsPart(view: DashboardView): DefinitionsPart {
  const { edit, new: isNew, index } = view.fields;
  if (edit) return { part: 'edit', id: edit };
  if (isNew) return { part: 'new' };
  if (index) return { part: 'index' };
  return { part: 'list' };
}
