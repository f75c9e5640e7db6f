import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import {
  GapReportType,
  type EventFilter,
  type GapReportInput,
  type MetricDimension,
  type QualityEventInput,
} from '../../contract';
import { createRng, type Rng } from '../../demo/data/prng';
import type { Database } from '../db/client';
import { pushGapReports } from '../gap-report-push';
import { gapReport, reportId } from './gap-fixtures';

/*
 * Seeded events and reports for the metrics tests, and the oracle: every metric recomputed from
 * the raw rows in plain TypeScript (Intl for the calendar day in a zone), apart from the SQL.
 */

const DAY_MS = 86_400_000;

/** A random instant in the `days` days from `start`, a third of them within minutes of a UTC or Singapore midnight. */
function instant(rng: Rng, start: number, days: number): string {
  const day = start + rng.int(0, days - 1) * DAY_MS;
  const roll = rng.next();
  // 16:00 UTC is midnight in Singapore (UTC+8); both sides of both midnights are covered.
  const edge = roll < 0.17 ? 0 : roll < 0.34 ? 16 * 3_600_000 : null;
  const offset = edge === null ? rng.int(0, DAY_MS - 1) : edge + rng.int(-3, 3) * 60_000 + rng.int(0, 59_999);
  return new Date(day + offset).toISOString();
}

/** `count` valid import rows spread over `days` days from `start` (ISO day), ids prefixed `prefix`. */
export function randomEvents(
  seed: number,
  count: number,
  start: string,
  days: number,
  prefix = 'm',
): QualityEventInput[] {
  const rng = createRng(seed);
  const startMs = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    kind: rng.pick(['qa_audit', 'qa_audit', 'gold_check', 'appeal', 'consensus'] as const),
    site: rng.pick(['demo-moderation', 'demo-search']),
    itemKey: `item-${rng.int(1, 200)}`,
    queue: rng.pick(['videos', 'posts', 'listings']),
    policy: rng.pick(['spam', 'hate_speech', 'nudity']),
    decision: 'remove',
    verdict: rng.pick(['correct', 'correct', 'correct', 'incorrect', 'partially_correct'] as const),
    correctedDecision: null,
    actor: rng.chance(0.1) ? null : rng.pick(['mod.a', 'mod.b', 'mod.c']),
    auditor: null,
    occurredAt: instant(rng, startMs, days),
    guidelineVersion: rng.chance(0.15) ? null : rng.pick(['v1', 'v2']),
    note: null,
  }));
}

/** A stored gap report as the oracle sees it. */
export interface ReportFact {
  createdAt: string;
  site: string;
  queue: string;
  policy: string | null;
  guidelineVersion: string;
  section: string;
  type: GapReportType;
  actor: string;
}

/**
 * Pushes `count` reports by `reporters` and moves their arrival times (server-set) into the
 * range, as if they had arrived over those days. Returns what the oracle needs.
 */
export async function seedReports(
  db: Database,
  seed: number,
  count: number,
  start: string,
  days: number,
  reporters: readonly string[],
): Promise<ReportFact[]> {
  const rng = createRng(seed);
  // Types are drawn from a stream of their own, so every other fact is what it was before reports had them.
  const typeRng = createRng(seed + 7919);
  const startMs = Date.parse(`${start}T00:00:00Z`);
  const facts: ReportFact[] = [];
  for (let i = 0; i < count; i++) {
    const fact: ReportFact = {
      createdAt: instant(rng, startMs, days),
      site: rng.pick(['demo-moderation', 'demo-search']),
      queue: rng.pick(['videos', 'posts']),
      policy: null,
      guidelineVersion: rng.pick(['v1', 'v2']),
      section: rng.pick(['hate-speech', 'misinfo', 'spam']),
      actor: rng.pick(reporters),
      type: typeRng.pick(GapReportType.options),
    };
    const base = gapReport(10_000 + seed * 1000 + i);
    const report: GapReportInput = {
      ...base,
      type: fact.type,
      context: {
        ...base.context,
        site: fact.site,
        // An item with no quality events: queue from the adapter's field, no policy.
        itemKey: `report-item-${i}`,
        fields: { queue: fact.queue },
        guideline: { guidelineId: 'moderation-handbook', version: fact.guidelineVersion, sectionId: fact.section },
      },
    };
    await pushGapReports(db, fact.actor, [report]);
    const id = reportId(10_000 + seed * 1000 + i);
    await db.execute(sql`update gap_reports set created_at = ${fact.createdAt}::timestamptz where id = ${id}`);
    facts.push(fact);
  }
  return facts;
}

/** The calendar day of `iso` in `tz`, as YYYY-MM-DD. */
export function localDay(iso: string, tz: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );
}

/** Every day from `from` to `to`. */
export function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** The oracle's definitions, written out again on purpose (not imported from the server). */
export const ORACLE: Record<string, { numerator: EventFilter; denominator: EventFilter | null } | 'reports'> = {
  accuracy: { numerator: { verdict: ['correct'] }, denominator: { kind: ['qa_audit', 'gold_check'] } },
  gold_accuracy: { numerator: { verdict: ['correct'] }, denominator: { kind: ['gold_check'] } },
  overturn_rate: { numerator: { verdict: ['incorrect'] }, denominator: { kind: ['appeal'] } },
  audit_volume: { numerator: { kind: ['qa_audit'] }, denominator: null },
  gap_reports: 'reports',
};

function matches(event: QualityEventInput, filter: EventFilter): boolean {
  const fields: [keyof EventFilter, string | null | undefined][] = [
    ['kind', event.kind],
    ['verdict', event.verdict],
    ['site', event.site],
    ['queue', event.queue],
    ['policy', event.policy],
    ['guidelineVersion', event.guidelineVersion],
  ];
  return fields.every(
    ([field, value]) => !filter[field] || (filter[field] as (string | null | undefined)[]).includes(value),
  );
}

/** A point as the oracle computes it. */
export interface OraclePoint {
  date: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
}

/** Series by group key (JSON of the value, "null" for none), every day of the range. */
export function oracleSeries(
  metric: { numerator: EventFilter; denominator: EventFilter | null } | 'reports',
  events: readonly QualityEventInput[],
  reports: readonly ReportFact[],
  groupBy: MetricDimension | 'none',
  from: string,
  to: string,
  tz: string,
  filters: Partial<Record<MetricDimension, string>> = {},
): Map<string, OraclePoint[]> {
  const cells = new Map<string, Map<string, [number, number]>>();
  const add = (key: string | null, day: string, num: number, den: number) => {
    if (day < from || day > to) return;
    const k = JSON.stringify(key);
    const byDay = cells.get(k) ?? new Map<string, [number, number]>();
    const [n, d] = byDay.get(day) ?? [0, 0];
    byDay.set(day, [n + num, d + den]);
    cells.set(k, byDay);
  };
  if (metric === 'reports') {
    for (const r of reports) {
      const dims: Record<MetricDimension, string | null> = {
        site: r.site,
        queue: r.queue,
        policy: r.policy,
        guideline_version: r.guidelineVersion,
        section: r.section,
        type: r.type,
        actor: r.actor,
      };
      if (Object.entries(filters).some(([dim, value]) => dims[dim as MetricDimension] !== value)) continue;
      add(groupBy === 'none' ? null : dims[groupBy], localDay(r.createdAt, tz), 1, 1);
    }
  } else {
    for (const e of events) {
      const dims: Record<MetricDimension, string | null> = {
        site: e.site,
        queue: e.queue,
        policy: e.policy,
        guideline_version: e.guidelineVersion ?? null,
        section: null,
        type: null,
        actor: e.actor ?? null,
      };
      if (Object.entries(filters).some(([dim, value]) => dims[dim as MetricDimension] !== value)) continue;
      const population = metric.denominator ?? metric.numerator;
      if (!matches(e, population)) continue;
      const inNumerator = metric.denominator ? matches(e, metric.numerator) : true;
      add(groupBy === 'none' ? null : dims[groupBy], localDay(e.occurredAt, tz), inNumerator ? 1 : 0, 1);
    }
  }
  if (groupBy === 'none' && cells.size === 0) cells.set('null', new Map());
  const out = new Map<string, OraclePoint[]>();
  for (const [key, byDay] of cells) {
    out.set(
      key,
      days(from, to).map((date) => {
        const [n, d] = byDay.get(date) ?? [0, 0];
        if (metric === 'reports' || !metric.denominator) return { date, numerator: n, denominator: null, value: n };
        return { date, numerator: n, denominator: d, value: d === 0 ? null : n / d };
      }),
    );
  }
  return out;
}

/** A CSV download's text and rows (by header). The text keeps its byte-order mark, which `Response.text()` would drop. */
export async function csvDownload(res: Response): Promise<{ text: string; rows: Record<string, string>[] }> {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  return { text, rows: parse(text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[] };
}

/** A JSON value as a CSV cell holds it: empty for null or absent, else its text. */
export function plainCell(value: string | number | boolean | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}
