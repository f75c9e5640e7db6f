import { beforeEach, expect, it } from 'vitest';
import { ApiErrorBody, MyQualityResponse, QualityEventInput, type QualityEventRow } from '../../contract';
import { importEvents } from '../import';
import { describeEachDatabase } from './databases';
import { eventRow } from './fixtures';
import { useTestApp } from './harness';

// Wednesday of ISO week 2024-W11 (which starts Monday 11 March); US daylight time began on 10 March.
const NOW = new Date('2024-03-13T12:00:00.000Z');

let n = 0;
const judged = (at: string, over: Partial<QualityEventRow> = {}): QualityEventRow =>
  QualityEventInput.parse(eventRow({ id: `q-${(n += 1)}`, actor: 'mod.one', occurredAt: at, ...over }));

/** mod.one's decisions as judged; the comments say which ISO week they fall in (UTC / New York). */
const EVENTS = [
  judged('2024-02-26T03:00:00Z'), // W09 / W08 (Sunday evening in New York): correct, spam
  judged('2024-02-27T10:00:00Z'), // W09 / W09: correct, spam
  judged('2024-02-28T10:00:00Z', { verdict: 'incorrect' }), // W09 / W09: spam
  judged('2024-03-01T10:00:00Z', { kind: 'gold_check', policy: 'hate', verdict: 'partially_correct' }), // not correct
  judged('2024-03-11T00:30:00Z', { policy: 'hate' }), // W11 / W10: correct
  judged('2024-03-12T09:00:00Z', { kind: 'gold_check' }), // W11 / W11: correct, spam
  // Not counted: appeals and consensus do not judge mod.one's decision, nor are other people's,
  // nor events before the window or after now.
  judged('2024-03-12T10:00:00Z', { kind: 'appeal', verdict: 'incorrect' }),
  judged('2024-03-12T11:00:00Z', { kind: 'consensus', verdict: 'incorrect' }),
  judged('2024-03-12T12:00:00Z', { actor: 'mod.two', verdict: 'incorrect' }),
  judged('2024-02-25T10:00:00Z', { verdict: 'incorrect' }),
  judged('2024-03-13T12:00:01Z', { verdict: 'incorrect' }),
];

describeEachDatabase('my quality', (database) => {
  const t = useTestApp(database, { now: () => NOW });

  const tokens: Record<string, string> = {};
  beforeEach(async () => {
    await importEvents(t.db, EVENTS);
    tokens.own = (await t.caller('mod.one', ['moderator'])).token;
    tokens.otherModerator = (await t.caller('mod.two', ['moderator'])).token;
    tokens.evaluator = (await t.caller('eva', ['evaluator'])).token;
    tokens.analyst = (await t.caller('ana', ['analyst'])).token;
    tokens.admin = (await t.caller('root', ['admin'])).token;
  });
  const ask = (token: string, query = 'weeks=3&tz=UTC', id = 'mod.one') =>
    t.request('GET', `/v1/users/${id}/quality?${query}`, { token });

  it('gives a moderator their accuracy in total, by policy and by every ISO week of the window', async () => {
    const res = await ask(tokens.own!);
    expect(res.status).toBe(200);
    expect(MyQualityResponse.parse(await res.json())).toEqual({
      userId: 'mod.one',
      tz: 'UTC',
      weeks: 3,
      from: '2024-02-26T00:00:00.000Z',
      to: NOW.toISOString(),
      total: { events: 6, correct: 4, accuracy: 4 / 6 },
      byPolicy: [
        { policy: 'hate', events: 2, correct: 1, accuracy: 0.5 },
        { policy: 'spam', events: 4, correct: 3, accuracy: 0.75 },
      ],
      byWeek: [
        { week: '2024-W09', weekStart: '2024-02-26', events: 4, correct: 2, accuracy: 0.5 },
        { week: '2024-W10', weekStart: '2024-03-04', events: 0, correct: 0, accuracy: null },
        { week: '2024-W11', weekStart: '2024-03-11', events: 2, correct: 2, accuracy: 1 },
      ],
    });
  });

  it('cuts weeks in the asked time zone', async () => {
    const res = await ask(tokens.own!, `weeks=3&tz=${encodeURIComponent('America/New_York')}`);
    const body = MyQualityResponse.parse(await res.json());
    // Monday 26 February, midnight in New York (EST, UTC-5).
    expect(body.from).toBe('2024-02-26T05:00:00.000Z');
    expect(body.total).toEqual({ events: 5, correct: 3, accuracy: 3 / 5 });
    expect(body.byWeek.map((w) => [w.week, w.events, w.correct])).toEqual([
      ['2024-W09', 3, 1],
      ['2024-W10', 1, 1],
      ['2024-W11', 1, 1],
    ]);
  });

  it('gives the same figures to analysts and admins', async () => {
    const own = await (await ask(tokens.own!)).json();
    for (const token of [tokens.analyst!, tokens.admin!]) {
      const res = await ask(token);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(own);
    }
  });

  it("refuses another moderator's or an evaluator's figures with 403", async () => {
    for (const token of [tokens.otherModerator!, tokens.evaluator!]) {
      const res = await ask(token);
      expect(res.status).toBe(403);
      expect(ApiErrorBody.parse(await res.json()).error.code).toBe('forbidden');
    }
    // Their own are theirs to read.
    const own = MyQualityResponse.parse(await (await ask(tokens.otherModerator!, 'weeks=1', 'mod.two')).json());
    expect(own.total).toEqual({ events: 1, correct: 0, accuracy: 0 });
  });

  it('defaults to 12 weeks in UTC and refuses a bad window or zone with 400 naming it', async () => {
    const body = MyQualityResponse.parse(await (await ask(tokens.own!, '')).json());
    expect([body.weeks, body.tz, body.byWeek.length, body.byWeek.at(-1)?.week]).toEqual([12, 'UTC', 12, '2024-W11']);
    for (const [query, field] of [
      ['weeks=0', 'weeks'],
      ['weeks=105', 'weeks'],
      ['tz=Mars/Olympus_Mons', 'tz'],
    ] as const) {
      const res = await ask(tokens.own!, query);
      expect(res.status, query).toBe(400);
      expect(ApiErrorBody.parse(await res.json()).error.details?.[0]?.path, query).toBe(field);
    }
  });
});
