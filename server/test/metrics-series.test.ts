import { beforeEach, describe, expect, it } from 'vitest';
import {
  BUILT_IN_METRICS,
  MetricsEventsResponse,
  MetricsSeriesResponse,
  QualityEventInput,
  type MetricDimension,
} from '../../contract';
import { importEvents } from '../import';
import { describeEachDatabase } from './databases';
import { eventRow } from './fixtures';
import { useTestApp } from './harness';
import { ORACLE, days, localDay, oracleSeries, randomEvents, seedReports, type ReportFact } from './metrics-fixtures';

/*
 * Every point of every built-in metric, for every dimension and in two zones, against the oracle
 * in metrics-fixtures.ts (plain TypeScript over the raw rows). Events sit within minutes of the
 * UTC and the Singapore midnights, so a day boundary drawn in the wrong place shows.
 */

const FROM = '2026-02-01';
const TO = '2026-02-20';
const ZONES = ['UTC', 'Asia/Singapore'];
const DIMENSIONS: (MetricDimension | 'none')[] = [
  'none',
  'site',
  'queue',
  'policy',
  'guideline_version',
  'section',
  'type',
  'actor',
];
/** Dimensions of gap reports alone. */
const REPORT_ONLY: (MetricDimension | 'none')[] = ['section', 'type'];
const REPORTERS = ['eve.one', 'eve.two'];

describeEachDatabase('metrics series', (database) => {
  const t = useTestApp(database);
  let token: string;
  let events: QualityEventInput[];
  let reports: ReportFact[];

  beforeEach(async () => {
    token = (await t.caller('ana', ['analyst'])).token;
    for (const id of REPORTERS) await t.caller(id, ['evaluator']);
    // The range and the days just outside it, so the edges are tested both ways.
    events = randomEvents(7, 1500, '2026-01-30', 24);
    await importEvents(
      t.db,
      events.map((row) => QualityEventInput.parse(row)),
    );
    reports = await seedReports(t.db, 3, 60, '2026-01-30', 24, REPORTERS);
  });

  async function series(query: Record<string, string>) {
    const res = await t.request('GET', `/v1/metrics/series?${new URLSearchParams(query)}`, { token });
    expect(res.status, await res.clone().text()).toBe(200);
    return MetricsSeriesResponse.parse(await res.json());
  }

  it('equals the oracle at every point of every built-in metric, for every dimension, in UTC and Asia/Singapore', async () => {
    let compared = 0;
    for (const tz of ZONES) {
      for (const metric of BUILT_IN_METRICS) {
        for (const groupBy of DIMENSIONS) {
          if (REPORT_ONLY.includes(groupBy) && metric !== 'gap_reports') continue;
          const body = await series({ metric, groupBy, from: FROM, to: TO, tz });
          expect(body).toMatchObject({ metric, groupBy, tz });
          const expected = oracleSeries(ORACLE[metric]!, events, reports, groupBy, FROM, TO, tz);
          const actual = new Map(
            body.series.map((s) => [JSON.stringify(groupBy === 'none' ? null : s.key[groupBy]), s.points]),
          );
          const label = `${metric} by ${groupBy} in ${tz}`;
          expect([...actual.keys()].sort(), label).toEqual([...expected.keys()].sort());
          for (const [key, points] of expected) {
            const got = actual.get(key)!.map(({ flag: _flag, ...point }) => point);
            expect(got, `${label}, ${key}`).toEqual(points);
            compared += points.length;
          }
        }
      }
    }
    // Two zones × (4 event metrics × 6 groupings + reports × 8): a few thousand points.
    expect(compared).toBeGreaterThan(2000);
  });

  it('applies the site, queue and policy filters exactly', async () => {
    for (const tz of ZONES) {
      const filters = { site: 'demo-moderation', queue: 'posts', policy: 'spam' };
      const body = await series({ metric: 'accuracy', groupBy: 'actor', from: FROM, to: TO, tz, ...filters });
      const expected = oracleSeries(ORACLE.accuracy!, events, reports, 'actor', FROM, TO, tz, filters);
      expect(body.series.map((s) => s.points.map(({ flag: _f, ...p }) => p))).toEqual(
        [...expected.entries()]
          .sort(([a], [b]) => (a === 'null' ? 1 : b === 'null' ? -1 : a < b ? -1 : 1))
          .map(([, p]) => p),
      );
      const reportsOnly = await series({
        metric: 'gap_reports',
        groupBy: 'section',
        from: FROM,
        to: TO,
        tz,
        site: 'demo-search',
      });
      const expectedReports = oracleSeries('reports', events, reports, 'section', FROM, TO, tz, {
        site: 'demo-search',
      });
      expect(reportsOnly.series).toHaveLength(expectedReports.size);
      // Gap reports over time by type, in one section and on one site: every point against the oracle.
      const reportFilters = { site: 'demo-moderation', section: 'misinfo' };
      const byType = await series({ metric: 'gap_reports', groupBy: 'type', from: FROM, to: TO, tz, ...reportFilters });
      const expectedByType = oracleSeries('reports', events, reports, 'type', FROM, TO, tz, reportFilters);
      expect(byType.series.map((s) => JSON.stringify(s.key.type))).toEqual([...expectedByType.keys()].sort());
      for (const s of byType.series) {
        expect(s.points.map(({ flag: _f, ...p }) => p)).toEqual(expectedByType.get(JSON.stringify(s.key.type)));
      }
      const missing = await series({ metric: 'gap_reports', groupBy: 'site', from: FROM, to: TO, tz, type: 'missing' });
      const expectedMissing = oracleSeries('reports', events, reports, 'site', FROM, TO, tz, { type: 'missing' });
      expect(missing.series.map((s) => s.points.map(({ flag: _f, ...p }) => p))).toEqual(
        [...expectedMissing.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, p]) => p),
      );
    }
  });

  it('drills into the reports of one type behind a point, and only those', async () => {
    const body = await series({ metric: 'gap_reports', groupBy: 'type', from: FROM, to: TO, tz: 'Asia/Singapore' });
    const [group, point] = body.series
      .flatMap((s) => s.points.map((p) => [s.key.type!, p] as const))
      .sort(([, a], [, b]) => b.numerator - a.numerator)[0]!;
    expect(point.numerator).toBeGreaterThan(1);
    const query = { metric: 'gap_reports', date: point.date, tz: 'Asia/Singapore', type: group, limit: '200' };
    const res = await t.request('GET', `/v1/metrics/events?${new URLSearchParams(query)}`, { token });
    const page = MetricsEventsResponse.parse(await res.json());
    const listed = page.source === 'gap_reports' ? page.reports : [];
    expect(listed).toHaveLength(point.numerator);
    expect(new Set(listed.map((r) => r.type))).toEqual(new Set([group]));
    const expected = reports.filter((r) => r.type === group && localDay(r.createdAt, 'Asia/Singapore') === point.date);
    expect(listed.map((r) => r.createdAt).sort()).toEqual(expected.map((r) => r.createdAt).sort());
    // Events have no type: asking for one is a 400 naming it, not an empty page.
    const refused = await t.request('GET', `/v1/metrics/events?metric=accuracy&date=${point.date}&type=${group}`, {
      token,
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { details: { path: string }[] } }).error.details[0]!.path).toBe('type');
  });

  it('has one point per day: proportions 0/0 → null on empty days, counts 0 with a null denominator', async () => {
    const body = await series({ metric: 'accuracy', from: '2025-12-01', to: '2025-12-03' });
    expect(body).toEqual({
      metric: 'accuracy',
      groupBy: 'none',
      tz: 'UTC',
      series: [
        {
          key: {},
          points: days('2025-12-01', '2025-12-03').map((date) => ({
            date,
            numerator: 0,
            denominator: 0,
            value: null,
            flag: null,
          })),
        },
      ],
    });
    const counts = await series({ metric: 'audit_volume', from: '2025-12-01', to: '2025-12-02', groupBy: 'queue' });
    expect(counts.series).toEqual([]);
    const volume = await series({ metric: 'audit_volume', from: FROM, to: FROM });
    const [point] = volume.series[0]!.points;
    expect(point!.denominator).toBeNull();
    expect(point!.value).toBe(point!.numerator);
  });

  it('counts a late import at once: a day that is already in the past changes', async () => {
    const query = { metric: 'accuracy', groupBy: 'queue', from: FROM, to: TO, tz: 'Asia/Singapore' };
    const before = await series(query);
    const late = [1, 2, 3].map((n) =>
      QualityEventInput.parse(
        eventRow({
          id: `late-${n}`,
          queue: 'posts',
          kind: 'qa_audit',
          verdict: n === 1 ? 'correct' : 'incorrect',
          occurredAt: '2026-02-10T17:30:00Z',
        }),
      ),
    );
    await importEvents(t.db, late);
    const after = await series(query);
    // 17:30 UTC is 01:30 on the 11th in Singapore.
    const day = (body: typeof before) =>
      body.series.find((s) => s.key.queue === 'posts')!.points.find((p) => p.date === '2026-02-11')!;
    expect(day(after).numerator).toBe(day(before).numerator + 1);
    expect(day(after).denominator).toBe(day(before).denominator! + 3);
    const expected = oracleSeries(ORACLE.accuracy!, [...events, ...late], reports, 'queue', FROM, TO, 'Asia/Singapore');
    expect(after.series.find((s) => s.key.queue === 'posts')!.points.map(({ flag: _f, ...p }) => p)).toEqual(
      expected.get('"posts"'),
    );
  });

  describe('refuses what it cannot answer', () => {
    const cases: [string, Record<string, string>, number, string][] = [
      ['to before from', { metric: 'accuracy', from: '2026-02-10', to: '2026-02-01' }, 400, 'to'],
      ['more than 400 days', { metric: 'accuracy', from: '2025-01-01', to: '2026-02-05' }, 400, 'to'],
      ['a day that does not exist', { metric: 'accuracy', from: '2026-02-30', to: '2026-03-01' }, 400, 'from'],
      [
        'year 0 (its history would be before year 1)',
        { metric: 'accuracy', from: '0000-01-01', to: '0000-01-05' },
        400,
        'from',
      ],
      [
        'year 9999 (its margins would pass year 10000)',
        { metric: 'accuracy', from: '9999-12-25', to: '9999-12-31' },
        400,
        'to',
      ],
      ['an unknown zone', { metric: 'accuracy', from: FROM, to: TO, tz: 'Mars/Olympus' }, 400, 'tz'],
      ['an unknown dimension', { metric: 'accuracy', from: FROM, to: TO, groupBy: 'colour' }, 400, 'groupBy'],
      ['sections of events', { metric: 'accuracy', from: FROM, to: TO, groupBy: 'section' }, 400, 'groupBy'],
      ['a section filter on events', { metric: 'audit_volume', from: FROM, to: TO, section: 'spam' }, 400, 'section'],
      ['types of events', { metric: 'overturn_rate', from: FROM, to: TO, groupBy: 'type' }, 400, 'groupBy'],
      ['a type filter on events', { metric: 'accuracy', from: FROM, to: TO, type: 'missing' }, 400, 'type'],
      ['a type that is not a report type', { metric: 'gap_reports', from: FROM, to: TO, type: 'typo' }, 400, 'type'],
    ];
    it.each(cases)('%s', async (_label, query, status, path) => {
      const res = await t.request('GET', `/v1/metrics/series?${new URLSearchParams(query)}`, { token });
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: { details?: { path: string }[] } };
      expect(body.error.details?.map((d) => d.path)).toContain(path);
    });

    it('an unknown metric is a 404', async () => {
      const res = await t.request('GET', `/v1/metrics/series?metric=nope&from=${FROM}&to=${TO}`, { token });
      expect(res.status).toBe(404);
    });

    it('400 days exactly is fine', async () => {
      const res = await t.request('GET', `/v1/metrics/series?metric=gap_reports&from=2025-01-01&to=2026-02-04`, {
        token,
      });
      expect(res.status).toBe(200);
      expect(MetricsSeriesResponse.parse(await res.json()).series[0]!.points).toHaveLength(400);
    });
  });
});
