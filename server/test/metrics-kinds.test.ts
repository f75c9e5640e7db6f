import { beforeEach, expect, it } from 'vitest';
import { MetricsSeriesResponse, QualityEventInput, type EventFilter } from '../../contract';
import { importEvents } from '../import';
import { describeEachDatabase } from './databases';
import { useTestApp } from './harness';
import { oracleSeries, randomEvents } from './metrics-fixtures';

/*
 * A series reads only the kinds its populations name, through the (kind, time) index
 * (server/metrics/daily-counts.ts). A custom metric whose population names no kind must still
 * count every kind: these are checked point by point against the oracle, grouped and not, in UTC
 * and in Singapore, next to one that names kinds in its denominator only.
 */

const FROM = '2026-02-01';
const TO = '2026-02-12';

const METRICS: { id: string; numerator: EventFilter; denominator: EventFilter | null }[] = [
  // Every kind in the videos queue, consensus and appeals included.
  { id: 'videos_error_rate', numerator: { verdict: ['incorrect'] }, denominator: { queue: ['videos'] } },
  { id: 'spam_events', numerator: { policy: ['spam'] }, denominator: null },
  // The numerator names a kind the denominator does not restrict: the population decides.
  {
    id: 'gold_share_of_search',
    numerator: { kind: ['gold_check'] },
    denominator: { site: ['demo-search'] },
  },
  { id: 'appeal_wins', numerator: { verdict: ['incorrect'] }, denominator: { kind: ['appeal', 'consensus'] } },
];

describeEachDatabase('series of metrics with and without kinds', (database) => {
  const t = useTestApp(database);
  let token: string;
  let events: QualityEventInput[];

  beforeEach(async () => {
    token = (await t.caller('ana', ['analyst'])).token;
    events = randomEvents(33, 900, '2026-01-30', 16);
    await importEvents(
      t.db,
      events.map((row) => QualityEventInput.parse(row)),
    );
    for (const metric of METRICS) {
      const res = await t.request('POST', '/v1/metrics/custom', {
        token,
        json: { ...metric, name: metric.id, description: '' },
      });
      expect(res.status, await res.clone().text()).toBe(201);
    }
  });

  it('count every kind when the population names none, and only the named kinds otherwise', async () => {
    for (const metric of METRICS) {
      for (const tz of ['UTC', 'Asia/Singapore']) {
        for (const groupBy of ['none', 'queue'] as const) {
          const query = new URLSearchParams({ metric: metric.id, groupBy, from: FROM, to: TO, tz });
          const res = await t.request('GET', `/v1/metrics/series?${query}`, { token });
          expect(res.status, await res.clone().text()).toBe(200);
          const body = MetricsSeriesResponse.parse(await res.json());
          const expected = oracleSeries(metric, events, [], groupBy, FROM, TO, tz);
          const actual = body.series.map((s) => [
            JSON.stringify(groupBy === 'none' ? null : s.key[groupBy]),
            s.points.map(({ flag: _flag, ...point }) => point),
          ]);
          expect(actual, `${metric.id} ${tz} ${groupBy}`).toEqual(
            [...expected.entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
          );
        }
      }
    }
  });
});
