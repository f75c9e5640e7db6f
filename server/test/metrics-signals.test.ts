import { sql } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import {
  GuidelinePublishRequest,
  QualityEventInput,
  SectionSignalsResponse,
  type QualityEventInput as Row,
  type SectionSignal,
} from '../../contract';
import { pushGapReports } from '../gap-report-push';
import { publishGuideline } from '../guideline-store';
import { importEvents } from '../import';
import { describeEachDatabase } from './databases';
import { eventRow } from './fixtures';
import { gapReport, reportId } from './gap-fixtures';
import { guidelineDoc, sectionDoc } from './guideline-fixtures';
import { useTestApp } from './harness';
import { csvDownload, plainCell as cell } from './metrics-fixtures';

/*
 * Section signals counted by hand: acme-2 takes effect at 2026-02-10T20:00Z, which is already the
 * 11th in Singapore, so the windows (3 days a side) move with the zone and so do the counts.
 */

const EFFECTIVE = '2026-02-10T20:00:00.000Z';

describeEachDatabase('section signals', (database) => {
  const t = useTestApp(database);
  let token: string;

  beforeEach(async () => {
    token = (await t.caller('ana', ['analyst'])).token;
    await t.caller('eve', ['evaluator']);
    await publishGuideline(t.db, GuidelinePublishRequest.parse(guidelineDoc()), 'ana');
    // acme-2 rewrites hate speech; spam is unchanged; "appeals" is new.
    const next = guidelineDoc({
      version: 'acme-2',
      effectiveFrom: EFFECTIVE,
      sections: [
        sectionDoc({ body: '§1.2 Changed wording.' }),
        guidelineDoc().sections[1]!,
        sectionDoc({ id: 'appeals', heading: '3. Appeals', policies: ['appeals'] }),
      ],
    });
    await publishGuideline(t.db, GuidelinePublishRequest.parse(next), 'ana');

    let n = 0;
    const judged = (at: string, version: string, verdict: Row['verdict'], queue = 'general', policy = 'hate_speech') =>
      eventRow({ id: `e${(n += 1)}`, site: 'acme', occurredAt: at, guidelineVersion: version, verdict, queue, policy });
    const rows: Row[] = [
      // Before (acme-1): 3 judged, 1 wrong in UTC. 15:00Z on the 10th is the change day in UTC (so
      // judged under the old version on the new side: not counted) and still the day before it in Singapore.
      judged('2026-02-08T12:00:00Z', 'acme-1', 'correct'),
      judged('2026-02-09T12:00:00Z', 'acme-1', 'correct'),
      judged('2026-02-09T13:00:00Z', 'acme-1', 'incorrect'),
      judged('2026-02-10T15:00:00Z', 'acme-1', 'correct'),
      // Judged under the old version after the change: counted on neither side.
      judged('2026-02-11T12:00:00Z', 'acme-1', 'incorrect'),
      // After (acme-2): 4 judged, 3 wrong; one in another queue; appeals are not judged events.
      judged('2026-02-11T12:00:00Z', 'acme-2', 'incorrect'),
      judged('2026-02-12T12:00:00Z', 'acme-2', 'incorrect'),
      judged('2026-02-12T13:00:00Z', 'acme-2', 'correct', 'other'),
      judged('2026-02-13T12:00:00Z', 'acme-2', 'incorrect', 'other'),
      { ...judged('2026-02-13T12:00:00Z', 'acme-2', 'incorrect'), kind: 'appeal' },
      // Another policy: not this section's.
      judged('2026-02-12T12:00:00Z', 'acme-2', 'incorrect', 'general', 'spam'),
    ];
    await importEvents(
      t.db,
      rows.map((row) => QualityEventInput.parse(row)),
    );

    const reports: [number, string, string][] = [
      [1, 'hate-speech', '2026-02-09T10:00:00Z'],
      [2, 'hate-speech', '2026-02-11T10:00:00Z'],
      [3, 'hate-speech', '2026-02-12T10:00:00Z'],
      [4, 'hate-speech', '2026-02-13T10:00:00Z'],
      [5, 'spam', '2026-02-12T10:00:00Z'],
    ];
    for (const [id, section, at] of reports) {
      const base = gapReport(id);
      await pushGapReports(t.db, 'eve', [
        {
          ...base,
          context: {
            ...base.context,
            guideline: { guidelineId: 'acme-handbook', version: 'acme-2', sectionId: section },
          },
        },
      ]);
      await t.db.execute(sql`update gap_reports set created_at = ${at}::timestamptz where id = ${reportId(id)}`);
    }
  });

  const signalsQuery = (tz: string) =>
    new URLSearchParams({ from: '2026-02-01', to: '2026-02-28', tz, windowDays: '3' });

  async function signals(tz: string) {
    const res = await t.request('GET', `/v1/metrics/section-signals?${signalsQuery(tz)}`, { token });
    expect(res.status, await res.clone().text()).toBe(200);
    return SectionSignalsResponse.parse(await res.json()).signals;
  }

  it('compares the days before a change with the days from it, per side by version, and ranks the section where both rose', async () => {
    const [first, second, ...rest] = await signals('UTC');
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      guidelineId: 'acme-handbook',
      sectionId: 'hate-speech',
      change: 'changed',
      fromVersion: 'acme-1',
      toVersion: 'acme-2',
      effectiveFrom: EFFECTIVE,
      policies: ['hate_speech'],
      before: { from: '2026-02-07', to: '2026-02-09', version: 'acme-1', judged: 3, correct: 2, gapReports: 1 },
      after: { from: '2026-02-10', to: '2026-02-12', version: 'acme-2', judged: 3, correct: 1, gapReports: 2 },
    });
    // Errors 1/3 → 2/3: pooled p = 1/2, se = √(¼ · ⅔); reports 1 → 2: (2 − 1)/√3.
    expect(first!.errorZ).toBeCloseTo((2 / 3 - 1 / 3) / Math.sqrt(0.25 * (2 / 3)), 10);
    expect(first!.gapZ).toBeCloseTo(1 / Math.sqrt(3), 10);
    expect(first!.score).toBeCloseTo(Math.sqrt(first!.errorZ! * first!.gapZ), 10);
    expect(first!.byQueue.map((q) => q.queue)).toEqual(['general']);
    expect(first!.drill.events).toEqual([
      {
        policy: 'hate_speech',
        before: {
          metric: 'accuracy',
          from: '2026-02-07',
          to: '2026-02-09',
          tz: 'UTC',
          site: 'acme',
          policy: 'hate_speech',
          guideline_version: 'acme-1',
        },
        after: {
          metric: 'accuracy',
          from: '2026-02-10',
          to: '2026-02-12',
          tz: 'UTC',
          site: 'acme',
          policy: 'hate_speech',
          guideline_version: 'acme-2',
        },
      },
    ]);
    expect(first!.drill.reports.after).toEqual({
      guideline: 'acme-handbook',
      section: 'hate-speech',
      from: '2026-02-10',
      to: '2026-02-12',
      tz: 'UTC',
      merged: 'include',
    });
    // The new section has no events and no reports: listed, scored 0, last.
    expect(second).toMatchObject({ sectionId: 'appeals', change: 'added', score: 0, rankScore: 0, errorZ: null });
  });

  it('draws the windows in the asked zone', async () => {
    const [first] = await signals('Asia/Singapore');
    // The change is on the 11th there: 15:00Z on the 10th (23:00 there) is before it, and the 13th is after.
    expect(first).toMatchObject({
      before: { from: '2026-02-08', to: '2026-02-10', judged: 4, correct: 3, gapReports: 1 },
      after: { from: '2026-02-11', to: '2026-02-13', judged: 4, correct: 1, gapReports: 3 },
    });
    // The drill-down's "after" lists exactly the events counted there.
    const query = new URLSearchParams(first!.drill.events[0]!.after);
    const res = await t.request('GET', `/v1/metrics/events?${query}`, { token });
    const body = (await res.json()) as { events: unknown[] };
    expect(body.events).toHaveLength(4);
  });

  it('exports the same ranking as CSV, one row per section with its rank, sides and scores', async () => {
    for (const tz of ['UTC', 'Asia/Singapore']) {
      const expected = await signals(tz);
      const res = await t.request('GET', `/v1/metrics/section-signals.csv?${signalsQuery(tz)}`, { token });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const { text, rows } = await csvDownload(res);
      expect(text.startsWith('\uFEFF')).toBe(true);
      const side = (name: 'before' | 'after', s: SectionSignal[typeof name]) => ({
        [`${name}_judged`]: cell(s.judged),
        [`${name}_correct`]: cell(s.correct),
        [`${name}_error_rate`]: cell(s.errorRate),
        [`${name}_gap_reports`]: cell(s.gapReports),
      });
      expect(rows).toEqual(
        expected.map((signal, i) => ({
          rank: String(i + 1),
          guideline_id: signal.guidelineId,
          site: signal.site,
          section_id: signal.sectionId,
          heading: signal.heading,
          change: signal.change,
          from_version: signal.fromVersion,
          to_version: signal.toVersion,
          effective_from: signal.effectiveFrom,
          policies: signal.policies.join(';'),
          ...side('before', signal.before),
          ...side('after', signal.after),
          error_z: cell(signal.errorZ),
          gap_z: cell(signal.gapZ),
          score: cell(signal.score),
          rank_score: cell(signal.rankScore),
          top_queue: cell(signal.byQueue[0]?.queue),
        })),
      );
      expect(rows.map((row) => [row.section_id, row.top_queue, row.before_judged])).toEqual([
        ['hate-speech', 'general', tz === 'UTC' ? '3' : '4'],
        ['appeals', '', '0'],
      ]);
    }
  });

  it('refuses a CSV query the JSON route refuses, with the same 400', async () => {
    const res = await t.request('GET', '/v1/metrics/section-signals.csv?from=2026-02-10&to=2026-02-01', { token });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { details: { path: string }[] } }).error.details[0]!.path).toBe('to');
  });
});
