import { eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { SurveyResponsePushResponse, SurveyResponseSyncResponse, type Survey } from '../../contract';
import { createApp } from '../app';
import { surveyResponses, surveys } from '../db/schema';
import { DEFAULT_POLICY } from '../policy';
import { describeEachDatabase } from './databases';
import { useTestApp, type Caller } from './harness';
import { answer, choiceSurvey, NOW, responseId, scaleSurvey, surveyApi, WINDOW, yesNoSurvey } from './survey-fixtures';

describeEachDatabase('survey answers', (database) => {
  let clock = NOW;
  const t = useTestApp(database, { now: () => clock });
  const api = surveyApi(t);
  let ana: Caller;
  let mo: Caller;
  let eve: Caller;
  let survey: Survey;

  beforeEach(async () => {
    clock = NOW;
    ana = await t.caller('ana.analyst', ['analyst']);
    mo = await t.caller('mo.mod', ['moderator']);
    eve = await t.caller('eve.eval', ['evaluator']);
    survey = await api.create(ana.token, yesNoSurvey());
  });

  const stored = async () =>
    (await t.db.select({ id: surveyResponses.id, answer: surveyResponses.answer }).from(surveyResponses)).sort(
      (a, b) => (a.id < b.id ? -1 : 1),
    );
  const rejected = (index: number, n: number, code: string, message: string) => ({
    index,
    id: responseId(n),
    outcome: 'rejected',
    code,
    message,
  });

  it('stores an answer once with its whole context, and answers a retry as a duplicate', async () => {
    expect(await api.push(mo.token, [answer(1, survey.id, { comment: 'Satire is not covered' })])).toEqual([
      { index: 0, id: responseId(1), outcome: 'created' },
    ]);
    expect(await api.push(mo.token, [answer(1, survey.id, { comment: 'Satire is not covered' })])).toEqual([
      { index: 0, id: responseId(1), outcome: 'duplicate' },
    ]);
    const [row] = await t.db.select().from(surveyResponses);
    expect(row).toMatchObject({
      id: responseId(1),
      surveyId: survey.id,
      respondent: 'mo.mod',
      answer: 'yes',
      answerValue: null,
      comment: 'Satire is not covered',
      site: 'demo-moderation',
      itemKey: 'PST-00001',
      queue: 'posts',
      policy: 'hate_speech',
      sectionId: 'hate-speech',
      guidelineVersion: 'mod-2026.3',
      pageUrl: 'http://localhost:4173/moderation/queues/posts',
      fields: { category: 'Commentary', queue: 'posts' },
    });
    expect((await api.get(ana.token, survey.id)).responseCount).toBe(1);
  });

  it('refuses other content under a stored id, from the respondent or anyone else, and keeps what was stored', async () => {
    await api.push(mo.token, [answer(1, survey.id)]);
    const message = `response ${responseId(1)} is already stored with other content; send new content under a new id`;
    expect(await api.push(mo.token, [answer(1, survey.id, { answer: false })])).toEqual([
      rejected(0, 1, 'id_conflict', message),
    ]);
    // Eve sends Mo's id with Mo's very content: still not her answer.
    expect(await api.push(eve.token, [answer(1, survey.id)])).toEqual([rejected(0, 1, 'id_conflict', message)]);
    expect(await stored()).toEqual([{ id: responseId(1), answer: 'yes' }]);
  });

  it('takes one answer per person, survey and item: a second under another id is already_answered', async () => {
    await api.push(mo.token, [answer(1, survey.id)]);
    const again = answer(2, survey.id, { context: answer(1, survey.id).context });
    expect(await api.push(mo.token, [again])).toEqual([
      rejected(0, 2, 'already_answered', `you already answered survey ${survey.id} for item PST-00001`),
    ]);
    // Someone else may answer the same item, and the same person another item or the same key on another site.
    const otherSite = answer(3, survey.id, { context: { ...answer(1, survey.id).context, site: 'demo-search' } });
    const results = await api.push(mo.token, [answer(4, survey.id), otherSite]);
    expect(results.map((r) => r.outcome)).toEqual(['created', 'created']);
    expect((await api.push(eve.token, [answer(5, survey.id, { context: again.context })]))[0]!.outcome).toBe('created');
    expect((await api.get(ana.token, survey.id)).responseCount).toBe(4);
  });

  it('decides a batch in order: a repeated id is a duplicate, a second answer for an item already_answered', async () => {
    const sameItem = answer(2, survey.id, { context: answer(1, survey.id).context });
    const results = await api.push(mo.token, [
      answer(1, survey.id),
      answer(1, survey.id),
      sameItem,
      answer(3, survey.id),
    ]);
    expect(results.map((r) => [r.outcome, r.code ?? null])).toEqual([
      ['created', null],
      ['duplicate', null],
      ['rejected', 'already_answered'],
      ['created', null],
    ]);
    expect(await t.db.$count(surveyResponses)).toBe(2);
  });

  it('refuses answers to unknown, draft, closed, not yet open and ended surveys, by the server clock', async () => {
    const unknown = '0190a5b2-7c3e-7abc-8def-00000000ffff';
    const draft = await api.create(ana.token, yesNoSurvey({ status: 'draft' }));
    const closed = await api.create(ana.token, yesNoSurvey());
    await api.patch(ana.token, closed.id, { status: 'closed' });
    const later = await api.create(
      ana.token,
      yesNoSurvey({ window: { startsAt: '2026-06-01T00:00:00.000Z', endsAt: WINDOW.endsAt } }),
    );
    const ended = await api.create(
      ana.token,
      yesNoSurvey({ window: { startsAt: WINDOW.startsAt, endsAt: '2026-02-01T00:00:00.000Z' } }),
    );
    const results = await api.push(mo.token, [
      answer(1, unknown),
      answer(2, draft.id),
      answer(3, closed.id),
      // The client's clock says it answered in the window: informational only.
      answer(4, later.id, { answeredAt: '2026-07-01T00:00:00.000Z' }),
      answer(5, ended.id, { answeredAt: '2026-01-15T00:00:00.000Z' }),
    ]);
    expect(results).toEqual([
      rejected(0, 1, 'unknown_survey', `no survey ${unknown} takes answers`),
      rejected(1, 2, 'unknown_survey', `no survey ${draft.id} takes answers`),
      rejected(2, 3, 'survey_closed', `survey ${closed.id} is closed`),
      rejected(3, 4, 'survey_not_started', `survey ${later.id} takes answers from 2026-06-01T00:00:00.000Z`),
      rejected(4, 5, 'survey_expired', `survey ${ended.id} took answers until 2026-02-01T00:00:00.000Z`),
    ]);
    // The window's start counts, its end does not.
    clock = new Date('2026-06-01T00:00:00.000Z');
    expect((await api.push(mo.token, [answer(6, later.id)]))[0]!.outcome).toBe('created');
    clock = new Date(WINDOW.endsAt);
    expect((await api.push(mo.token, [answer(7, later.id)]))[0]!.code).toBe('survey_expired');
    expect(await stored()).toEqual([{ id: responseId(6), answer: 'yes' }]);
  });

  it('still answers a retry of a stored answer as a duplicate after the survey closed or ended', async () => {
    await api.push(mo.token, [answer(1, survey.id)]);
    await api.patch(ana.token, survey.id, { status: 'closed' });
    clock = new Date(WINDOW.endsAt);
    expect(await api.push(mo.token, [answer(1, survey.id)])).toEqual([
      { index: 0, id: responseId(1), outcome: 'duplicate' },
    ]);
  });

  it('checks each answer against its survey’s kind, scale, options and comment setting', async () => {
    const scale = await api.create(ana.token, scaleSurvey());
    const choice = await api.create(ana.token, choiceSurvey({ allowComment: false }));
    const results = await api.push(mo.token, [
      answer(1, scale.id, { answer: 4 }),
      answer(2, scale.id, { answer: 6 }),
      answer(3, scale.id, { answer: 2.5 }),
      answer(4, scale.id, { answer: '3' }),
      answer(5, choice.id, { answer: 'definition' }),
      answer(6, choice.id, { answer: 'other' }),
      answer(7, choice.id, { answer: 'none', comment: 'a comment' }),
      answer(8, choice.id, { answer: 'none', comment: '   ' }),
      answer(9, survey.id, { answer: 'yes' }),
      answer(10, survey.id, { answer: false, comment: 'Which section is meant?' }),
    ]);
    const takesScale = 'this survey takes a whole number from 1 to 5';
    const takesOption = 'this survey takes one of the option ids examples, definition, none';
    expect(results).toEqual([
      { index: 0, id: responseId(1), outcome: 'created' },
      rejected(1, 2, 'invalid_answer', `${takesScale}, not 6`),
      rejected(2, 3, 'invalid_answer', `${takesScale}, not 2.5`),
      rejected(3, 4, 'invalid_answer', `${takesScale}, not "3"`),
      { index: 4, id: responseId(5), outcome: 'created' },
      rejected(5, 6, 'invalid_answer', `${takesOption}, not "other"`),
      rejected(6, 7, 'invalid_answer', `survey ${choice.id} takes no comment`),
      // A blank comment is no comment.
      { index: 7, id: responseId(8), outcome: 'created' },
      rejected(8, 9, 'invalid_answer', 'this survey takes true or false, not "yes"'),
      { index: 9, id: responseId(10), outcome: 'created' },
    ]);
    const rows = await t.db.select().from(surveyResponses);
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(responseId(1))).toMatchObject({ answer: '4', answerValue: 4 });
    expect(byId.get(responseId(8))).toMatchObject({ answer: 'none', comment: null });
    expect(byId.get(responseId(10))).toMatchObject({ answer: 'no', comment: 'Which section is meant?' });
  });

  it('rejects a malformed answer alone with its fields named, and stores the rest of the batch', async () => {
    const results = await api.push(mo.token, [
      answer(1, survey.id),
      { ...answer(2, survey.id), comment: 'x'.repeat(1001) },
      42,
      { ...answer(3, survey.id), id: '0190a5b2-7c3e-4abc-8def-000000000003' },
      { ...answer(4, survey.id), context: { site: 'demo-moderation' } },
      answer(5, survey.id, { comment: 'nul\u0000' }),
      answer(6, survey.id),
    ]);
    expect(results.map((r) => [r.index, r.outcome, r.code ?? null])).toEqual([
      [0, 'created', null],
      [1, 'rejected', 'invalid'],
      [2, 'rejected', 'invalid'],
      [3, 'rejected', 'invalid'],
      [4, 'rejected', 'invalid'],
      [5, 'rejected', 'invalid'],
      [6, 'created', null],
    ]);
    expect(results[1]).toMatchObject({ id: responseId(2), details: [{ path: 'comment' }] });
    expect(results[2]).toMatchObject({ id: null, details: [{ path: '(root)' }] });
    expect(results[3]!.details).toEqual([{ path: 'id', message: 'a UUIDv7 made by the client, in lowercase' }]);
    expect(results[4]!.details!.map((d) => d.path)).toEqual(['context.itemKey']);
    expect(results[5]!.message).toBe(
      'invalid survey response: comment: contains a NUL character (\\u0000), which cannot be stored',
    );
    expect((await stored()).map((row) => row.id)).toEqual([responseId(1), responseId(6)]);
  });

  it('refuses a push that is not a batch of 1 to 50 answers as a whole, with a clear 4xx', async () => {
    const cases: [string, string | undefined, number][] = [
      [JSON.stringify({ responses: [] }), undefined, 400],
      [JSON.stringify({ responses: Array.from({ length: 51 }, (_, n) => answer(n, survey.id)) }), undefined, 400],
      [JSON.stringify({ answers: [answer(1, survey.id)] }), undefined, 400],
      ['{"responses": [', undefined, 400],
      [JSON.stringify({ responses: [answer(1, survey.id)] }), 'text/plain', 415],
    ];
    for (const [body, contentType, status] of cases) {
      const res = await t.request('POST', '/v1/sync/survey-responses', { token: mo.token, body, contentType });
      expect((await api.error(res, status)).code).toBe(status === 415 ? 'unsupported_media_type' : 'invalid_request');
    }
    const anonymous = await t.request('POST', '/v1/sync/survey-responses', {
      json: { responses: [answer(1, survey.id)] },
    });
    expect(anonymous.status).toBe(401);
    expect(await t.db.$count(surveyResponses)).toBe(0);
  });

  it('accepts the answer arriving exactly at the cap and rejects the ones after it', async () => {
    const capped = await api.create(ana.token, yesNoSurvey({ responseCap: 3 }));
    const first = await api.push(mo.token, [answer(1, capped.id), answer(2, capped.id)]);
    expect(first.map((r) => r.outcome)).toEqual(['created', 'created']);
    const message = `survey ${capped.id} has all the 3 answers it asked for`;
    expect(await api.push(eve.token, [answer(3, capped.id), answer(4, capped.id), answer(2, capped.id)])).toEqual([
      { index: 0, id: responseId(3), outcome: 'created' },
      rejected(1, 4, 'cap_reached', message),
      // Mo's id, sent by Eve: an id conflict is decided before the cap.
      rejected(
        2,
        2,
        'id_conflict',
        `response ${responseId(2)} is already stored with other content; send new content under a new id`,
      ),
    ]);
    // A retry of an answer stored before the cap was reached is still a success.
    expect((await api.push(mo.token, [answer(1, capped.id)]))[0]!.outcome).toBe('duplicate');
    expect(await api.get(ana.token, capped.id)).toMatchObject({ responseCount: 3, capReached: true });
  });

  it('fills the cap exactly when many people push at once, through two connections (two API processes)', async () => {
    const cap = 25;
    const capped = await api.create(ana.token, yesNoSurvey({ responseCap: cap }));
    const people = await Promise.all(Array.from({ length: 12 }, (_, n) => t.caller(`mod.${n}`, ['moderator'])));
    const other = await t.connectAgain();
    try {
      const second = createApp({ db: other.db, kind: other.kind, version: 'test', now: () => clock });
      // Each person pushes 4 answers about their own items, half through each process: 48 for 25 places.
      const sends = people.map((person, p) => {
        const batch = Array.from({ length: 4 }, (_, k) => answer(p * 4 + k + 1, capped.id));
        const app = p % 2 === 0 ? t.app : second;
        return app.request('/v1/sync/survey-responses', {
          method: 'POST',
          headers: { authorization: `Bearer ${person.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ responses: batch }),
        });
      });
      const answers = await Promise.all(sends);
      const results = await Promise.all(
        answers.map(async (res) => {
          expect(res.status).toBe(200);
          return SurveyResponsePushResponse.parse(await res.json()).results;
        }),
      );
      const outcomes = results.flat().map((r) => r.code ?? r.outcome);
      expect(outcomes.filter((o) => o === 'created')).toHaveLength(cap);
      expect(outcomes.filter((o) => o === 'cap_reached')).toHaveLength(48 - cap);
      expect(await t.db.$count(surveyResponses)).toBe(cap);
      const [row] = await t.db.select({ count: surveys.responseCount }).from(surveys).where(eq(surveys.id, capped.id));
      expect(row!.count).toBe(cap);
    } finally {
      await other.close();
    }
  });

  it('stores one row when two processes receive the same answer at once', async () => {
    const other = await t.connectAgain();
    try {
      const second = createApp({ db: other.db, kind: other.kind, version: 'test', now: () => clock });
      const send = (app: typeof t.app) =>
        app.request('/v1/sync/survey-responses', {
          method: 'POST',
          headers: { authorization: `Bearer ${mo.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ responses: [answer(1, survey.id)] }),
        });
      const answers = await Promise.all([send(t.app), send(second), send(t.app), send(second)]);
      const outcomes = await Promise.all(
        answers.map(async (res) => SurveyResponsePushResponse.parse(await res.json()).results[0]!.outcome),
      );
      expect(outcomes.sort()).toEqual(['created', 'duplicate', 'duplicate', 'duplicate']);
      expect(await t.db.$count(surveyResponses)).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('counts pushed answers per user and answers 429 with Retry-After, storing nothing of the refused batch', async () => {
    const limited = useLimitedApp();
    const batch = (from: number) => Array.from({ length: 50 }, (_, k) => answer(from + k, survey.id));
    const send = (from: number) =>
      limited().request('/v1/sync/survey-responses', {
        method: 'POST',
        headers: { authorization: `Bearer ${mo.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ responses: batch(from) }),
      });
    expect((await send(1)).status).toBe(200);
    const refused = await send(100);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await t.db.$count(surveyResponses)).toBe(50);
  });

  /** An app on the same database whose survey push limit is one full batch a minute. */
  function useLimitedApp() {
    let app: ReturnType<typeof createApp> | undefined;
    return () =>
      (app ??= createApp({
        db: t.db,
        kind: t.kind,
        version: 'test',
        now: () => clock,
        policy: { ...DEFAULT_POLICY, surveyResponsePushes: { limit: 50, windowSeconds: 60 } },
      }));
  }

  it('gives each person back their own answers only, as sent, page by page', async () => {
    const scale = await api.create(ana.token, scaleSurvey());
    const choice = await api.create(ana.token, choiceSurvey());
    await api.push(mo.token, [
      answer(1, survey.id, { answer: false, comment: 'Unclear' }),
      answer(2, scale.id, { answer: 5 }),
    ]);
    await api.push(eve.token, [answer(3, survey.id)]);
    await api.push(mo.token, [
      answer(4, choice.id, { answer: 'examples', context: { site: 'demo-search', itemKey: 'T-1' } }),
    ]);

    const pull = async (token: string, query = '') => {
      const res = await t.request('GET', `/v1/sync/survey-responses?${query}`, { token });
      expect(res.status).toBe(200);
      return SurveyResponseSyncResponse.parse(await res.json());
    };
    const first = await pull(mo.token, 'limit=2');
    expect(first.hasMore).toBe(true);
    expect(first.responses.map((r) => [r.id, r.answer, r.comment])).toEqual([
      [responseId(1), false, 'Unclear'],
      [responseId(2), 5, null],
    ]);
    const { receivedAt, ...sent } = first.responses[0]!;
    expect(sent).toEqual(answer(1, survey.id, { answer: false, comment: 'Unclear' }));
    expect(Date.parse(receivedAt)).not.toBeNaN();
    const rest = await pull(mo.token, `since=${first.nextCursor}&limit=2`);
    expect(rest.responses.map((r) => [r.id, r.answer, r.context])).toEqual([
      [
        responseId(4),
        'examples',
        {
          site: 'demo-search',
          itemKey: 'T-1',
          queue: null,
          policy: null,
          sectionId: null,
          guidelineVersion: null,
          pageUrl: null,
          fields: null,
        },
      ],
    ]);
    expect(rest.hasMore).toBe(false);
    expect((await pull(eve.token)).responses.map((r) => r.id)).toEqual([responseId(3)]);
    expect((await pull(ana.token)).responses).toEqual([]);
  });
});
