import { parse } from 'csv-parse/sync';
import { beforeEach, expect, it } from 'vitest';
import { MetricsSeriesResponse, QualityEventInput, type MetricPoint } from '../../contract';
import { importEvents } from '../import';
import { describeEachDatabase } from './databases';
import { eventRow } from './fixtures';
import { useTestApp } from './harness';
import { days } from './metrics-fixtures';

/*
 * `limits=true` on the series: each judged day carries the chart it was judged against. The
 * events are steady enough to compute the charts by hand: every day 20 QA audits in posts (18
 * correct, p̄ = 0.9) and 20 in listings (10 correct, p̄ = 0.5), over all the history the range reads.
 * On 03-05 posts drops to 5 of 20 and listings jumps to 18 of 20; on 03-07 posts has no events.
 */

const FROM = '2026-03-01';
/** The first day the series reads as history: events from then on, so no chart starts from empty days. */
const HISTORY_FROM = '2026-01-04';
const TO = '2026-03-08';
const DROP = '2026-03-05';
const EMPTY = '2026-03-07';
const PER_DAY = 20;

function dayEvents(day: string, queue: string, correct: number) {
  return Array.from({ length: PER_DAY }, (_, i) =>
    QualityEventInput.parse(
      eventRow({
        id: `${queue}-${day}-${i}`,
        queue,
        verdict: i < correct ? 'correct' : 'incorrect',
        occurredAt: `${day}T12:00:${String(i).padStart(2, '0')}Z`,
      }),
    ),
  );
}

/** The p-chart's limits for p̄ = p at n events (3σ, clipped to [0, 1]). */
const pChart = (p: number, n: number) => ({
  center: p,
  lower: Math.max(0, p - 3 * Math.sqrt((p * (1 - p)) / n)),
  upper: Math.min(1, p + 3 * Math.sqrt((p * (1 - p)) / n)),
});

describeEachDatabase('metrics series control limits', (database) => {
  const t = useTestApp(database);
  let token: string;

  beforeEach(async () => {
    token = (await t.caller('ana', ['analyst'])).token;
    const rows = days(HISTORY_FROM, TO).flatMap((day) => [
      ...(day === EMPTY ? [] : dayEvents(day, 'posts', day === DROP ? 5 : 18)),
      ...dayEvents(day, 'listings', day === DROP ? 18 : 10),
    ]);
    await importEvents(t.db, rows);
  });

  const get = async (route: string, query: Record<string, string>) => {
    const res = await t.request('GET', `/v1/metrics/${route}?${new URLSearchParams(query)}`, { token });
    expect(res.status, await res.clone().text()).toBe(200);
    return res;
  };
  const series = async (query: Record<string, string>) =>
    MetricsSeriesResponse.parse(await (await get('series', query)).json());
  const byQueue = (body: MetricsSeriesResponse, queue: string) =>
    new Map(body.series.find((s) => s.key.queue === queue)!.points.map((p) => [p.date, p]));

  /** A flagged day lies beyond its chart on the flagged side, and a p-chart or robust flag carries the chart's limits. */
  function expectFlagOnChart(point: MetricPoint) {
    const { flag, limits, value } = point;
    expect(limits, point.date).toBeTruthy();
    if (flag!.direction === 'low') expect(value!).toBeLessThan(limits!.lower);
    else expect(value!).toBeGreaterThan(limits!.upper);
    expect([flag!.lower, flag!.upper]).toEqual([limits!.lower, limits!.upper]);
  }

  it('gives every judged day of a proportion its p-chart, and a flagged day lies beyond it', async () => {
    const body = await series({ metric: 'accuracy', groupBy: 'queue', from: FROM, to: TO, limits: 'true' });
    const posts = byQueue(body, 'posts');
    const listings = byQueue(body, 'listings');
    expect([...posts.keys()]).toEqual(days(FROM, TO));

    for (const [date, point] of posts) {
      if (date === EMPTY) continue;
      // Every baseline day is 18 of 20 (the drop is flagged, so left out): p̄ = 0.9 exactly.
      const expected = pChart(0.9, PER_DAY);
      expect(point.limits!.center, date).toBeCloseTo(expected.center, 12);
      expect(point.limits!.lower, date).toBeCloseTo(expected.lower, 12);
      expect(point.limits!.upper, date).toBeCloseTo(expected.upper, 12);
    }
    // A day without events was not judged: no chart.
    expect(posts.get(EMPTY)).toMatchObject({ denominator: 0, value: null, flag: null, limits: null });

    const drop = posts.get(DROP)!;
    expect(drop.flag).toMatchObject({ direction: 'low', method: 'p-chart' });
    expectFlagOnChart(drop);

    const jump = listings.get(DROP)!;
    expect(jump.flag).toMatchObject({ direction: 'high', method: 'p-chart' });
    expectFlagOnChart(jump);
    const half = pChart(0.5, PER_DAY);
    expect(jump.limits!.center).toBeCloseTo(half.center, 12);
    expect(jump.limits!.lower).toBeCloseTo(half.lower, 12);
    expect(jump.limits!.upper).toBeCloseTo(half.upper, 12);

    // Every other day is in control and inside its chart.
    const others = [...posts.values(), ...listings.values()].filter((p) => p.date !== DROP && p.date !== EMPTY);
    expect(others.filter((p) => p.flag)).toEqual([]);
    for (const p of others) expect(p.value! >= p.limits!.lower && p.value! <= p.limits!.upper, p.date).toBe(true);
  });

  it('gives counts the same-weekday median and 4σ limits, and the core index its trailing median', async () => {
    const volume = byQueue(
      await series({ metric: 'audit_volume', groupBy: 'queue', from: FROM, to: TO, limits: '1' }),
      'posts',
    );
    // Every day's history is 20 a day: the median of its weekday is 20, the residuals 0, so σ = √20.
    for (const [date, point] of volume) {
      expect(point.limits!.center, date).toBe(PER_DAY);
      expect(point.limits!.lower, date).toBeCloseTo(PER_DAY - 4 * Math.sqrt(PER_DAY), 12);
      expect(point.limits!.upper, date).toBeCloseTo(PER_DAY + 4 * Math.sqrt(PER_DAY), 12);
    }
    const empty = volume.get(EMPTY)!;
    expect(empty.flag).toMatchObject({ direction: 'low', method: 'robust-c-chart' });
    expectFlagOnChart(empty);

    const index = await series({ metric: 'core_index', from: FROM, to: TO, limits: 'true', queue: 'posts' });
    const points = new Map(index.series[0]!.points.map((p) => [p.date, p]));
    // Accuracy is the only component with events: 0.9 a day, no spread, so the floor of half a point (3σ = 0.015).
    expect(points.get(FROM)!.limits!.center).toBeCloseTo(0.9, 12);
    expect(points.get(FROM)!.limits!.lower).toBeCloseTo(0.885, 12);
    expect(points.get(DROP)!.flag).toMatchObject({ direction: 'low', method: 'robust-individuals' });
    expectFlagOnChart(points.get(DROP)!);
    expect(points.get(EMPTY)!.limits).toBeNull();
  });

  it('leaves a day unjudged, with null limits, until the history holds a baseline', async () => {
    // The first week of events has less than a week of history behind it: too little for a chart.
    const body = await series({ metric: 'accuracy', from: HISTORY_FROM, to: '2026-01-15', limits: 'true' });
    const points = body.series[0]!.points;
    expect(points.slice(0, 7).map((p) => p.limits)).toEqual([null, null, null, null, null, null, null]);
    // From the eighth day a week of history (280 events) is a baseline.
    expect(points.slice(7).every((p) => p.limits !== null)).toBe(true);
  });

  it('has no limits key at all without limits=true, and the same points otherwise', async () => {
    const query = { metric: 'accuracy', groupBy: 'queue', from: FROM, to: TO };
    const plain = await (await get('series', query)).json();
    const off = await (await get('series', { ...query, limits: 'false' })).json();
    const zero = await (await get('series', { ...query, limits: '0' })).json();
    const on = MetricsSeriesResponse.parse(await (await get('series', { ...query, limits: 'true' })).json());
    expect(JSON.stringify(off)).toBe(JSON.stringify(plain));
    expect(JSON.stringify(zero)).toBe(JSON.stringify(plain));
    for (const s of (plain as MetricsSeriesResponse).series) {
      for (const point of s.points)
        expect(Object.keys(point)).toEqual(['date', 'numerator', 'denominator', 'value', 'flag']);
    }
    const stripped = on.series.map((s) => ({ ...s, points: s.points.map(({ limits: _l, ...p }) => p) }));
    expect(stripped).toEqual((plain as MetricsSeriesResponse).series);

    const res = await t.request('GET', `/v1/metrics/series?${new URLSearchParams({ ...query, limits: 'yes' })}`, {
      token,
    });
    expect(res.status).toBe(400);
    expect(
      ((await res.json()) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path),
    ).toContain('limits');
  });

  it('adds center, lower_limit and upper_limit to the CSV only with limits=true', async () => {
    const query = { metric: 'accuracy', groupBy: 'queue', from: FROM, to: TO };
    const csv = async (extra: Record<string, string>) =>
      parse((await (await get('series.csv', { ...query, ...extra })).text()).replace(/^\uFEFF/, ''), {
        columns: true,
      }) as Record<string, string>[];
    const plain = await csv({});
    expect(Object.keys(plain[0]!)).toEqual([
      'metric',
      'group_by',
      'group',
      'date',
      'numerator',
      'denominator',
      'value',
      'flag',
      'lower',
      'upper',
      'method',
    ]);
    const rows = await csv({ limits: 'true' });
    const body = await series({ ...query, limits: 'true' });
    const points = body.series.flatMap((s) => s.points.map((p) => ({ queue: s.key.queue, ...p })));
    expect(rows).toHaveLength(points.length);
    rows.forEach((row, i) => {
      const point = points[i]!;
      const cell = (n: number | undefined) => (n === undefined ? '' : String(n));
      expect(row).toEqual({
        ...plain[i],
        center: cell(point.limits?.center),
        lower_limit: cell(point.limits?.lower),
        upper_limit: cell(point.limits?.upper),
      });
    });
    expect(rows.find((r) => r.group === 'posts' && r.date === DROP)).toMatchObject({ flag: 'low', method: 'p-chart' });
    expect(rows.find((r) => r.group === 'posts' && r.date === EMPTY)).toMatchObject({ center: '', lower_limit: '' });
  });
});
