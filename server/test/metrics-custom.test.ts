import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CoreIndexResponse,
  CoreIndexVersionsResponse,
  CustomMetricResponse,
  MetricsDefinitionsResponse,
  MetricsEventsResponse,
  MetricsSeriesResponse,
  QualityEventInput,
} from '../../contract';
import { createApp } from '../app';
import { importEvents } from '../import';
import { describeEachDatabase } from './databases';
import { useTestApp } from './harness';
import { ORACLE, oracleSeries, randomEvents, seedReports, type ReportFact } from './metrics-fixtures';

const FROM = '2026-02-01';
const TO = '2026-02-14';

describeEachDatabase('custom metrics, the core index, drill-down and CSV', (database) => {
  const t = useTestApp(database);
  let token: string;
  let events: QualityEventInput[];
  let reports: ReportFact[];

  beforeEach(async () => {
    token = (await t.caller('ana', ['analyst'])).token;
    await t.caller('eve.one', ['evaluator']);
    events = randomEvents(21, 700, '2026-01-31', 16);
    await importEvents(
      t.db,
      events.map((row) => QualityEventInput.parse(row)),
    );
    reports = await seedReports(t.db, 5, 30, '2026-01-31', 16, ['eve.one']);
  });

  const get = async (path: string, status = 200) => {
    const res = await t.request('GET', path, { token });
    expect(res.status, await res.clone().text()).toBe(status);
    return res;
  };
  const series = async (query: Record<string, string>) =>
    MetricsSeriesResponse.parse(await (await get(`/v1/metrics/series?${new URLSearchParams(query)}`)).json());

  describe('custom metrics', () => {
    const hateSpeechAccuracy = {
      id: 'hate_speech_audit_accuracy',
      name: 'Hate speech audit accuracy',
      description: 'QA audits of hate speech judged correct',
      numerator: { verdict: ['correct' as const] },
      denominator: { kind: ['qa_audit' as const], policy: ['hate_speech'] },
    };

    it('are created, listed, read, replaced and deleted; the series follows the definition', async () => {
      const created = await t.request('POST', '/v1/metrics/custom', { token, json: hateSpeechAccuracy });
      expect(created.status).toBe(201);
      expect(CustomMetricResponse.parse(await created.json()).metric).toMatchObject({
        id: hateSpeechAccuracy.id,
        kind: 'proportion',
        createdBy: 'ana',
      });
      const again = await t.request('POST', '/v1/metrics/custom', { token, json: hateSpeechAccuracy });
      expect(again.status).toBe(409);

      for (const tz of ['UTC', 'Asia/Singapore']) {
        const body = await series({ metric: hateSpeechAccuracy.id, groupBy: 'queue', from: FROM, to: TO, tz });
        const expected = oracleSeries(hateSpeechAccuracy, events, reports, 'queue', FROM, TO, tz);
        expect(body.series.map((s) => [JSON.stringify(s.key.queue), s.points.map(({ flag: _f, ...p }) => p)])).toEqual(
          [...expected.entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
        );
      }

      // Replaced by a count of appeals in one site: a count metric now.
      const count = {
        name: 'Appeals',
        description: '',
        numerator: { kind: ['appeal' as const], site: ['demo-search'] },
        denominator: null,
      };
      const replaced = await t.request('PUT', `/v1/metrics/custom/${hateSpeechAccuracy.id}`, { token, json: count });
      expect(CustomMetricResponse.parse(await replaced.json()).metric.kind).toBe('count');
      const counted = await series({ metric: hateSpeechAccuracy.id, from: FROM, to: TO });
      expect(counted.series[0]!.points.map(({ flag: _f, ...p }) => p)).toEqual(
        oracleSeries(count, events, reports, 'none', FROM, TO, 'UTC').get('null'),
      );

      const definitions = MetricsDefinitionsResponse.parse(await (await get('/v1/metrics/definitions')).json());
      expect(definitions.metrics.map((m) => m.id)).toEqual([
        'accuracy',
        'gold_accuracy',
        'overturn_rate',
        'audit_volume',
        'gap_reports',
        hateSpeechAccuracy.id,
        'core_index',
      ]);
      // Section and type are the gap reports' own dimensions: every other metric lacks them.
      const dimensions = new Map(definitions.metrics.map((m) => [m.id, m.dimensions]));
      expect(dimensions.get('gap_reports')).toEqual([
        'site',
        'queue',
        'policy',
        'guideline_version',
        'section',
        'type',
        'actor',
      ]);
      for (const id of ['accuracy', hateSpeechAccuracy.id, 'core_index']) {
        expect(dimensions.get(id), id).toEqual(['site', 'queue', 'policy', 'guideline_version', 'actor']);
      }

      expect((await t.request('DELETE', `/v1/metrics/custom/${hateSpeechAccuracy.id}`, { token })).status).toBe(200);
      await get(`/v1/metrics/custom/${hateSpeechAccuracy.id}`, 404);
      await get(`/v1/metrics/series?metric=${hateSpeechAccuracy.id}&from=${FROM}&to=${TO}`, 404);
    });

    it.each([
      ['a built-in id', { ...hateSpeechAccuracy, id: 'accuracy' }, 'id'],
      ['an unknown event field', { ...hateSpeechAccuracy, numerator: { decision: ['remove'] } }, 'numerator'],
      [
        'SQL where a value goes',
        { ...hateSpeechAccuracy, numerator: { kind: ["qa_audit') or 1=1 --"] } },
        'numerator.kind.0',
      ],
      ['an empty value list', { ...hateSpeechAccuracy, denominator: { policy: [] } }, 'denominator.policy'],
    ])('refuse %s', async (_label, body, path) => {
      const res = await t.request('POST', '/v1/metrics/custom', { token, json: body });
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { details: { path: string }[] } };
      expect(error.details.map((d) => d.path)).toContain(path);
    });
  });

  describe('the core index', () => {
    it('starts as the default version 0 and takes new versions; its series is the weighted mean of its parts', async () => {
      const current = CoreIndexResponse.parse(await (await get('/v1/metrics/core-index')).json());
      expect(current.coreIndex.version).toBe(0);

      const saved = await t.request('PUT', '/v1/metrics/core-index', {
        token,
        json: {
          name: 'Accuracy minus overturns',
          components: [
            { metric: 'accuracy', weight: 3 },
            { metric: 'overturn_rate', weight: 1, invert: true },
          ],
        },
      });
      expect(saved.status).toBe(201);
      expect(CoreIndexResponse.parse(await saved.json()).coreIndex).toMatchObject({ version: 1, createdBy: 'ana' });
      const versions = CoreIndexVersionsResponse.parse(await (await get('/v1/metrics/core-index/versions')).json());
      expect(versions.versions.map((v) => v.version)).toEqual([1, 0]);

      const body = await series({ metric: 'core_index', groupBy: 'site', from: FROM, to: TO, tz: 'Asia/Singapore' });
      const accuracy = oracleSeries(ORACLE.accuracy!, events, reports, 'site', FROM, TO, 'Asia/Singapore');
      const overturns = oracleSeries(ORACLE.overturn_rate!, events, reports, 'site', FROM, TO, 'Asia/Singapore');
      for (const s of body.series) {
        const key = JSON.stringify(s.key.site);
        s.points.forEach((point, i) => {
          const a = accuracy.get(key)?.[i];
          const o = overturns.get(key)?.[i];
          const parts = [
            ...(a?.value == null ? [] : [[3, a.value]]),
            ...(o?.value == null ? [] : [[1, 1 - o.value]]),
          ] as [number, number][];
          const weights = parts.reduce((sum, [w]) => sum + w, 0);
          const weighted = parts.reduce((sum, [w, v]) => sum + w * v, 0);
          expect(point.denominator).toBe(weights);
          expect(point.numerator).toBeCloseTo(weighted, 12);
          if (weights === 0) expect(point.value).toBeNull();
          else expect(point.value).toBeCloseTo(weighted / weights, 12);
        });
      }
      // Version 0 is still there to read.
      const old = await series({ metric: 'core_index', from: FROM, to: TO, version: '0' });
      expect(old.series).toHaveLength(1);
      await get(`/v1/metrics/series?metric=core_index&version=7&from=${FROM}&to=${TO}`, 404);
    });

    it('numbers versions without gaps or repeats when two API processes save at once', async () => {
      const other = await t.connectAgain();
      try {
        const second = createApp({ db: other.db, kind: other.kind, version: 'test' });
        const save = (app: typeof t.app, n: number) =>
          app.request('/v1/metrics/core-index', {
            method: 'PUT',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ name: `Index ${n}`, components: [{ metric: 'accuracy', weight: n }] }),
          });
        const answers = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => save(n % 2 ? t.app : second, n)));
        expect(answers.map((res) => res.status)).toEqual([201, 201, 201, 201, 201, 201]);
        const versions = await Promise.all(
          answers.map(async (res) => CoreIndexResponse.parse(await res.json()).coreIndex.version),
        );
        expect(versions.sort()).toEqual([1, 2, 3, 4, 5, 6]);
      } finally {
        await other.close();
      }
    });

    it('refuses a count or an unknown metric as a component', async () => {
      for (const metric of ['audit_volume', 'no_such_metric']) {
        const res = await t.request('PUT', '/v1/metrics/core-index', {
          token,
          json: { name: 'Bad', components: [{ metric, weight: 1 }] },
        });
        expect(res.status).toBe(400);
      }
    });
  });

  describe('drill-down', () => {
    it('lists exactly the events behind a point, paged without gaps or repeats', async () => {
      const body = await series({ metric: 'accuracy', groupBy: 'queue', from: FROM, to: TO, tz: 'Asia/Singapore' });
      const posts = body.series.find((s) => s.key.queue === 'posts')!;
      const point = posts.points.find((p) => (p.denominator ?? 0) > 5)!;
      const seen: MetricsEventsResponse[] = [];
      let cursor: string | null = null;
      do {
        const query: Record<string, string> = {
          metric: 'accuracy',
          date: point.date,
          tz: 'Asia/Singapore',
          queue: 'posts',
          limit: '4',
        };
        if (cursor) query.cursor = cursor;
        const page = MetricsEventsResponse.parse(
          await (await get(`/v1/metrics/events?${new URLSearchParams(query)}`)).json(),
        );
        seen.push(page);
        cursor = page.nextCursor;
      } while (cursor);
      const listed = seen.flatMap((page) => (page.source === 'quality_events' ? page.events : []));
      expect(listed).toHaveLength(point.denominator!);
      expect(new Set(listed.map((e) => e.id)).size).toBe(listed.length);
      expect(listed.filter((e) => e.inNumerator)).toHaveLength(point.numerator);
      expect(listed.every((e) => e.queue === 'posts' && ['qa_audit', 'gold_check'].includes(e.kind))).toBe(true);
      const times = listed.map((e) => e.occurredAt);
      expect([...times].sort().reverse()).toEqual(times);
    });

    it('lists the reports behind a gap report point, and refuses the core index', async () => {
      const body = await series({ metric: 'gap_reports', groupBy: 'section', from: FROM, to: TO });
      const point = body.series[0]!.points.find((p) => p.numerator > 0)!;
      const section = body.series[0]!.key.section!;
      const page = MetricsEventsResponse.parse(
        await (await get(`/v1/metrics/events?metric=gap_reports&date=${point.date}&section=${section}`)).json(),
      );
      expect(page.source).toBe('gap_reports');
      if (page.source === 'gap_reports') expect(page.reports).toHaveLength(point.numerator);
      await get(`/v1/metrics/events?metric=core_index&date=${FROM}`, 400);
      await get(`/v1/metrics/events?metric=accuracy&from=${FROM}`, 400);
    });
  });

  it('exports the series as CSV, one row per group and day', async () => {
    const query = new URLSearchParams({
      metric: 'accuracy',
      groupBy: 'queue',
      from: FROM,
      to: TO,
      tz: 'Asia/Singapore',
    });
    const body = await series(Object.fromEntries(query));
    const res = await get(`/v1/metrics/series.csv?${query}`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse((await res.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(body.series.length * 14);
    const first = body.series[0]!;
    expect(rows[0]).toMatchObject({
      metric: 'accuracy',
      group_by: 'queue',
      group: first.key.queue,
      date: FROM,
      numerator: String(first.points[0]!.numerator),
      denominator: String(first.points[0]!.denominator),
    });
  });
});
