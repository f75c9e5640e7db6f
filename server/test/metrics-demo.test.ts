import { expect, it } from 'vitest';
import { MetricsEventsResponse, MetricsSeriesResponse, SectionSignalsResponse } from '../../contract';
import { DEMO_ANOMALY, generateSeed } from '../../demo/seed';
import { gapReports } from '../db/schema';
import { addDays } from '../metrics/days';
import { seedDatabase } from '../seed';
import { describeEachDatabase } from './databases';
import { useTestApp } from './harness';

/*
 * The demo's seeded anomaly (demo/data/anomaly.ts) as the API finds it: Posts accuracy flagged low
 * in the two weeks after mod-2026.3, and nowhere else low; the hate-speech section ranked first
 * among the sections that changed, tied to Posts, with drill-down filters that list its events.
 */

const ANCHOR = new Date('2026-03-01T00:00:00.000Z');
const seed = generateSeed({ anchor: ANCHOR });
const anchorDay = '2026-03-01';
const changeDay = addDays(anchorDay, -DEMO_ANOMALY.changeDaysAgo);
const lastAnomalyDay = addDays(changeDay, DEMO_ANOMALY.days - 1);

describeEachDatabase('the demo anomaly', (database) => {
  const t = useTestApp(database);
  let token: string;

  // The whole demo is seeded inside the one test: the harness empties the tables before each test.
  it('is flagged in Posts accuracy only, and its section ranks first with Posts as its queue', async () => {
    await seedDatabase(t.db, {
      users: [...seed.users],
      events: seed.events,
      guidelines: seed.guidelines,
      gapReports: seed.gapReports,
      publisher: 'admin.jo',
    });
    // Every seeded report was accepted by the push (a refused one would be skipped quietly).
    expect(await t.db.$count(gapReports)).toBe(seed.gapReports.length);
    token = (await t.caller('analyst.riley', ['analyst'])).token;
    const get = async (path: string) => {
      const res = await t.request('GET', path, { token });
      expect(res.status, await res.clone().text()).toBe(200);
      return res.json();
    };

    const from = addDays(anchorDay, -60);
    const to = addDays(anchorDay, -1);
    const body = MetricsSeriesResponse.parse(
      await get(`/v1/metrics/series?metric=accuracy&groupBy=queue&from=${from}&to=${to}&tz=UTC`),
    );
    const lows = (queue: string) =>
      body.series
        .find((s) => s.key.queue === queue)!
        .points.filter((p) => p.flag?.direction === 'low')
        .map((p) => p.date);
    const posts = lows('posts');
    expect(posts.length).toBeGreaterThanOrEqual(8);
    expect(
      posts.every((day) => day >= changeDay && day <= lastAnomalyDay),
      posts.join(', '),
    ).toBe(true);
    expect(lows('videos')).toEqual([]);
    expect(lows('listings')).toEqual([]);
    for (const point of body.series.flatMap((s) => s.points)) {
      if (point.flag?.direction === 'low') expect(point.value!).toBeLessThan(point.flag.lower);
    }

    const signals = SectionSignalsResponse.parse(
      await get(`/v1/metrics/section-signals?from=${addDays(anchorDay, -50)}&to=${to}&tz=UTC`),
    );
    const [first, ...rest] = signals.signals;
    expect(first).toMatchObject({
      guidelineId: DEMO_ANOMALY.guidelineId,
      sectionId: DEMO_ANOMALY.sectionId,
      fromVersion: DEMO_ANOMALY.fromVersion,
      toVersion: DEMO_ANOMALY.toVersion,
      change: 'changed',
    });
    expect(first!.errorZ!).toBeGreaterThan(3);
    expect(first!.gapZ).toBeGreaterThan(3);
    expect(first!.byQueue[0]!.queue).toBe(DEMO_ANOMALY.queue);
    expect(first!.after.gapReports).toBeGreaterThan(first!.before.gapReports);
    expect(rest.every((signal) => signal.rankScore < first!.rankScore)).toBe(true);

    // The drill-down filters list the events behind the "after" side.
    const drill = first!.drill.events.find((d) => d.policy === DEMO_ANOMALY.policy)!;
    const page = MetricsEventsResponse.parse(
      await get(
        `/v1/metrics/events?${new URLSearchParams({ ...drill.after, queue: DEMO_ANOMALY.queue, limit: '200' })}`,
      ),
    );
    expect(page.source).toBe('quality_events');
    if (page.source === 'quality_events') {
      expect(page.events.length).toBeGreaterThan(100);
      expect(
        page.events.every((e) => e.guidelineVersion === DEMO_ANOMALY.toVersion && e.policy === 'hate_speech'),
      ).toBe(true);
    }
  });
});
