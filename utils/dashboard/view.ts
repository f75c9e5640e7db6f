import { addDays, format, parseISO } from 'date-fns';
import {
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
 * A link that leaves parts out gets the defaults (the last 60 days in the reader's zone), and the
 * page writes them into the address, so what an analyst copies is the view they see. Fields are
 * checked with the contract's own schemas: a link the API would refuse says why, in its words.
 */

export type DashboardPage = 'metric' | 'sections' | 'events';

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
  metric: ['metric', 'groupBy', 'from', 'to', 'tz', ...FILTER_KEYS],
  events: ['metric', 'date', 'from', 'to', 'tz', ...FILTER_KEYS],
  sections: ['from', 'to', 'tz', 'windowDays', 'site', 'guideline'],
};

const SCHEMAS = { metric: MetricsSeriesQuery, events: MetricsEventsQuery, sections: SectionSignalsQuery };

/** Days a view shows when its link names no range: the last 60 days for a metric, 90 for changes. */
export const DEFAULT_DAYS: Record<DashboardPage, number> = { metric: 60, events: 1, sections: 90 };

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
  const page: DashboardPage = raw === 'sections' || raw === 'events' ? raw : 'metric';
  const given: Record<string, string> = {};
  for (const key of KEYS[page]) {
    const value = params.get(key)?.trim();
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
  for (const [key, value] of Object.entries(ordered(view.page, view.fields))) params.set(key, value);
  return params.toString();
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
