import { sql } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import {
  MetricsEventsCsvQuery,
  MetricsEventsResponse,
  MetricsSeriesResponse,
  QualityEventInput,
  type MetricEvent,
  type MetricReport,
} from '../../contract';
import { pushGapReports } from '../gap-report-push';
import { importEvents } from '../import';
import { drillExport } from '../metrics/drill';
import { describeEachDatabase } from './databases';
import { eventRow } from './fixtures';
import { gapReport, reportId } from './gap-fixtures';
import { useTestApp } from './harness';
import { csvDownload, plainCell as cell, randomEvents, seedReports, type ReportFact } from './metrics-fixtures';

/*
 * `GET /v1/metrics/events.csv`: every row the drill-down pages through, in its order, in one CSV.
 * Each test walks the JSON route page by page and expects the CSV to hold exactly those rows.
 */

const FROM = '2026-02-01';
const TO = '2026-02-18';
/** Twelve audits at one instant, so keyset pages must split a tie by id. */
const TIED_AT = '2026-02-05T09:00:00.000Z';
const FORMULA_NOTE = '=HYPERLINK("http://evil.example","click")';

const EVENT_HEADERS = [
  'occurred_at',
  'id',
  'kind',
  'site',
  'item_key',
  'queue',
  'policy',
  'guideline_version',
  'decision',
  'verdict',
  'corrected_decision',
  'actor',
  'auditor',
  'note',
  'in_numerator',
];
const REPORT_HEADERS = [
  'created_at',
  'id',
  'type',
  'severity',
  'status',
  'reporter',
  'site',
  'queue',
  'policy',
  'guideline_id',
  'section_id',
  'guideline_version',
  'note',
];

/** A cell as the CSV neutralises it: a text starting a formula gets an apostrophe. */
const neutral = (text: string | null) => (text !== null && /^[=+@-]/.test(text) ? `'${text}` : cell(text));

const eventCells = (e: MetricEvent) => ({
  occurred_at: e.occurredAt,
  id: e.id,
  kind: e.kind,
  site: e.site,
  item_key: e.itemKey,
  queue: e.queue,
  policy: e.policy,
  guideline_version: cell(e.guidelineVersion),
  decision: e.decision,
  verdict: e.verdict,
  corrected_decision: cell(e.correctedDecision),
  actor: cell(e.actor),
  auditor: cell(e.auditor),
  note: neutral(e.note),
  in_numerator: String(e.inNumerator),
});

const reportCells = (r: MetricReport) => ({
  created_at: r.createdAt,
  id: r.id,
  type: r.type,
  severity: r.severity,
  status: r.status,
  reporter: r.reporter,
  site: cell(r.site),
  queue: cell(r.queue),
  policy: cell(r.policy),
  guideline_id: cell(r.guidelineId),
  section_id: cell(r.sectionId),
  guideline_version: cell(r.guidelineVersion),
  note: neutral(r.note),
});

describeEachDatabase('metrics drill-down CSV', (database) => {
  const t = useTestApp(database);
  let token: string;
  let reportFacts: ReportFact[];

  beforeEach(async () => {
    token = (await t.caller('ana', ['analyst'])).token;
    await t.caller('eve.one', ['evaluator']);
    const tied = Array.from({ length: 12 }, (_, i) =>
      eventRow({
        id: `tied-${String(i).padStart(2, '0')}`,
        queue: 'posts',
        verdict: i % 3 === 0 ? 'incorrect' : 'correct',
        occurredAt: TIED_AT,
        note: i === 4 ? FORMULA_NOTE : null,
      }),
    );
    await importEvents(
      t.db,
      [...randomEvents(31, 1200, '2026-01-31', 20), ...tied].map((row) => QualityEventInput.parse(row)),
    );
    reportFacts = await seedReports(t.db, 9, 40, '2026-01-31', 20, ['eve.one']);
    // A report whose note would run as a formula in a spreadsheet.
    await pushGapReports(t.db, 'eve.one', [gapReport(900, { type: 'missing', note: '+SUM(A1:A9)' })]);
    await t.db.execute(sql`update gap_reports set created_at = ${TIED_AT}::timestamptz where id = ${reportId(900)}`);
  });

  const get = (route: string, query: Record<string, string>) =>
    t.request('GET', `/v1/metrics/${route}?${new URLSearchParams(query)}`, { token });

  /** Every page of the JSON drill-down for `query`, rows in order. */
  async function pagedRows(query: Record<string, string>) {
    const events: MetricEvent[] = [];
    const reports: MetricReport[] = [];
    let cursor: string | null = null;
    do {
      const res = await get('events', { ...query, limit: '200', ...(cursor ? { cursor } : {}) });
      expect(res.status, await res.clone().text()).toBe(200);
      const page = MetricsEventsResponse.parse(await res.json());
      if (page.source === 'quality_events') events.push(...page.events);
      else reports.push(...page.reports);
      cursor = page.nextCursor;
    } while (cursor);
    return { events, reports };
  }

  async function csvOf(query: Record<string, string>) {
    const res = await get('events.csv', query);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="metric-.*\.csv"$/);
    const { text, rows } = await csvDownload(res);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.split('\r\n')[0]).toBe(
      `\uFEFF${(query.metric === 'gap_reports' ? REPORT_HEADERS : EVENT_HEADERS).join(',')}`,
    );
    return rows;
  }

  it('holds every event behind a range, newest first, exactly as the paged drill-down lists them', async () => {
    const query = { metric: 'accuracy', from: FROM, to: TO, tz: 'Asia/Singapore' };
    const { events } = await pagedRows(query);
    const rows = await csvOf(query);
    // More than one page of the export (500 rows), so its keyset walk is crossed too.
    expect(rows.length).toBeGreaterThan(500);
    expect(rows).toEqual(events.map(eventCells));
    // As many as the series counts in its denominators over the range.
    const series = MetricsSeriesResponse.parse(await (await get('series', query)).json());
    expect(rows).toHaveLength(series.series[0]!.points.reduce((sum, p) => sum + p.denominator!, 0));
    expect(rows.find((row) => row.id === 'tied-04')!.note).toBe(`'${FORMULA_NOTE}`);
  });

  it('honours a day and the dimension filters, and marks the events in the numerator', async () => {
    const query = { metric: 'overturn_rate', date: '2026-02-05', queue: 'posts', site: 'demo-moderation' };
    const { events } = await pagedRows(query);
    expect(events.length).toBeGreaterThan(0);
    const rows = await csvOf(query);
    expect(rows).toEqual(events.map(eventCells));
    expect(rows.every((row) => row.kind === 'appeal' && row.queue === 'posts')).toBe(true);
    expect(rows.filter((row) => row.in_numerator === 'true')).toEqual(
      rows.filter((row) => row.verdict === 'incorrect'),
    );
  });

  it('holds every gap report behind a range, by type and section, as the drill-down lists them', async () => {
    const cases: Record<string, string>[] = [{}, { type: 'missing' }, { section: 'misinfo', type: 'unclear' }];
    for (const filters of cases) {
      const query = { metric: 'gap_reports', from: FROM, to: TO, ...filters };
      const { reports } = await pagedRows(query);
      const rows = await csvOf(query);
      expect(reports.length, JSON.stringify(filters)).toBeGreaterThan(1);
      expect(rows, JSON.stringify(filters)).toEqual(reports.map(reportCells));
      if (filters.type) expect(new Set(rows.map((row) => row.type))).toEqual(new Set([filters.type]));
    }
    const all = await csvOf({ metric: 'gap_reports', from: FROM, to: TO });
    const inRange = reportFacts.filter((r) => r.createdAt >= `${FROM}T00:00:00` && r.createdAt < '2026-02-19T00:00:00');
    // The seeded reports that arrived in the range (UTC), and the formula one.
    expect(all).toHaveLength(inRange.length + 1);
    expect(all.find((row) => row.id === reportId(900))!.note).toBe("'+SUM(A1:A9)");
  });

  it('walks keyset pages through a tie of one instant without skipping or repeating a row', async () => {
    const query = MetricsEventsCsvQuery.parse({ metric: 'accuracy', date: '2026-02-05', queue: 'posts' });
    const { events } = await pagedRows({ metric: 'accuracy', date: '2026-02-05', queue: 'posts' });
    for (const pageSize of [1, 3, 5]) {
      const drill = await drillExport(t.db, query, pageSize);
      const ids: string[] = [];
      for await (const row of drill.rows) ids.push(row.id);
      expect(ids, `pages of ${pageSize}`).toEqual(events.map((e) => e.id));
    }
    const tied = events.filter((e) => e.occurredAt === TIED_AT).map((e) => e.id);
    expect(tied).toEqual(Array.from({ length: 12 }, (_, i) => `tied-${String(11 - i).padStart(2, '0')}`));
  });

  it('is a header alone for a day without events', async () => {
    expect(await csvOf({ metric: 'accuracy', date: '2025-06-01' })).toEqual([]);
    expect(await csvOf({ metric: 'gap_reports', date: '2025-06-01' })).toEqual([]);
  });

  it('refuses with a status, before any CSV, what the drill-down refuses', async () => {
    const cases: [Record<string, string>, number, string | null][] = [
      [{ metric: 'core_index', date: FROM }, 400, 'metric'],
      [{ metric: 'accuracy', date: FROM, type: 'missing' }, 400, 'type'],
      [{ metric: 'audit_volume', date: FROM, section: 'spam' }, 400, 'section'],
      [{ metric: 'accuracy', from: FROM }, 400, 'date'],
      [{ metric: 'accuracy', date: FROM, from: FROM, to: TO }, 400, 'date'],
      [{ metric: 'accuracy', from: '2025-01-01', to: '2026-02-05' }, 400, 'to'],
      [{ metric: 'accuracy', date: FROM, tz: 'Mars/Olympus' }, 400, 'tz'],
      [{ metric: 'nope', date: FROM }, 404, null],
    ];
    for (const [query, status, path] of cases) {
      const res = await get('events.csv', query);
      expect(res.status, JSON.stringify(query)).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as { error: { details?: { path: string }[] } };
      if (path)
        expect(
          body.error.details?.map((d) => d.path),
          JSON.stringify(query),
        ).toContain(path);
    }
  });
});
