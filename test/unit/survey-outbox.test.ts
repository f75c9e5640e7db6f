import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SURVEY_PUSH_MAX, type SurveyAnswer } from '../../contract';
import { AppDB } from '../../utils/db/app-db';
import { createReport } from '../../utils/reports/create-report';
import { saveAnswer } from '../../utils/surveys/survey-answers';
import { pullOwnAnswers } from '../../utils/surveys/survey-sync';
import { pushOutbox } from '../../utils/sync/pusher';
import { closeWithTwin } from '../../utils/sync/strict-db';
import { syncUser } from '../../utils/sync/user-sync';
import { fakeReportApi, OWNER, type FakeReportApi } from './report-sync-fake-api';
import { fakeSurveyRoutes, surveyFixture, type FakeSurveyRoutes } from './survey-sync-fake-api';

/*
 * Survey answers travel through the same outbox as gap reports: one table of entries, each
 * collection pushed to its own route with the same batching, backoff, pause and settle rules.
 */

const context = (itemKey: string) => ({
  site: 'demo-moderation',
  itemKey,
  queue: 'videos',
  policy: 'self_harm',
  pageUrl: 'http://localhost:8788/moderation/queues/videos?page=5',
  fields: { queue: 'videos', category: 'Challenge' },
});

describe('one outbox, two collections', () => {
  let db: AppDB;
  let surveys: FakeSurveyRoutes;
  let server: FakeReportApi;
  let t: number;
  const now = () => t;
  const deps = () => ({ now, random: () => 0.5 });
  const survey = surveyFixture();

  const answer = (itemKey: string, value: SurveyAnswer = true) =>
    saveAnswer(
      db,
      { surveyId: survey.id, answer: value, context: context(itemKey) },
      { ownerId: OWNER.id, now, kick: () => {} },
    );
  const report = () =>
    createReport(
      db,
      { type: 'missing', severity: 'high', note: 'Nothing on live streams.' },
      { ownerId: OWNER.id, kick: () => {}, now },
    );
  const pushedTo = (path: string) =>
    server.requests
      .filter((r) => r.method === 'POST' && r.path === path)
      .map((r) => Object.values(r.body as Record<string, { id: string }[]>)[0]!.map((x) => x.id));

  beforeEach(async () => {
    db = new AppDB(`survey-outbox-${Math.random()}`);
    surveys = fakeSurveyRoutes();
    server = fakeReportApi({ routes: surveys.routes });
    t = Date.parse('2026-05-01T10:00:00Z');
    surveys.putSurvey(survey);
    await db.surveys.put(survey);
  });
  afterEach(async () => {
    closeWithTwin(db);
    await Dexie.delete(db.name);
  });

  it('holds reports and answers in one outbox and pushes each collection to its own route, once', async () => {
    const saved = await report();
    const first = await answer('VID-00101');
    const second = await answer('VID-00102', false);
    if (first.outcome !== 'saved' || second.outcome !== 'saved') throw new Error('not saved');
    expect((await db.outbox.toArray()).map((e) => e.collection).sort()).toEqual([
      'gapReports',
      'surveyResponses',
      'surveyResponses',
    ]);

    expect(await pushOutbox(db, server.api, OWNER.id, deps())).toMatchObject({ created: 3, stoppedBy: null });
    expect(pushedTo('/v1/sync/push')).toEqual([[saved.id]]);
    expect(pushedTo('/v1/sync/survey-responses')).toEqual([[first.response.id, second.response.id]]);
    expect([...surveys.answers.keys()]).toEqual([first.response.id, second.response.id]);
    expect(await db.surveyResponses.get(first.response.id)).toMatchObject({ localState: 'sent', rejection: null });
    expect(await db.gapReports.get(saved.id)).toMatchObject({ localState: 'sent', revision: 1 });
    expect(await db.outbox.count()).toBe(0);

    // Nothing left: another run sends nothing.
    await pushOutbox(db, server.api, OWNER.id, deps());
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('retries an answer whose push response was lost; the API answers duplicate and stores it once', async () => {
    const saved = await answer('VID-00101');
    if (saved.outcome !== 'saved') throw new Error('not saved');
    server.failNext('lost-response');

    const lost = await pushOutbox(db, server.api, OWNER.id, deps());
    expect(lost.stoppedBy).toContain('Cannot reach');
    expect(surveys.answers.size).toBe(1);
    expect(await db.surveyResponses.get(saved.response.id)).toMatchObject({ localState: 'pending' });
    expect(await db.outbox.get(['surveyResponses', saved.response.id])).toMatchObject({ attempts: 1 });

    t += 60_000;
    expect(await pushOutbox(db, server.api, OWNER.id, deps())).toMatchObject({ created: 0, duplicate: 1 });
    expect(pushedTo('/v1/sync/survey-responses')).toEqual([[saved.response.id], [saved.response.id]]);
    expect(surveys.answers.size).toBe(1);
    expect(await db.surveyResponses.get(saved.response.id)).toMatchObject({ localState: 'sent' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('takes the pull of the own answers as the answer to a lost push, and keeps answers made elsewhere', async () => {
    const saved = await answer('VID-00101');
    if (saved.outcome !== 'saved') throw new Error('not saved');
    server.failNext('lost-response');
    await pushOutbox(db, server.api, OWNER.id, deps());
    expect(await db.outbox.count()).toBe(1);
    // Another browser of the same user answered another item.
    const elsewhere = {
      id: '01960000-0000-7000-8000-0000000000aa',
      surveyId: survey.id,
      answer: false,
      context: context('VID-00777'),
      answeredAt: '2026-05-01T09:00:00.000Z',
    };
    const post = { method: 'POST', path: '/v1/sync/survey-responses', params: new URLSearchParams() };
    expect(surveys.routes({ ...post, body: { responses: [elsewhere] } })?.status).toBe(200);

    expect(await pullOwnAnswers(db, server.api, OWNER.id)).toBe(2);
    expect(await db.surveyResponses.get(saved.response.id)).toMatchObject({ localState: 'sent' });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.surveyResponses.get(elsewhere.id)).toMatchObject({
      ownerId: OWNER.id,
      site: 'demo-moderation',
      itemKey: 'VID-00777',
      localState: 'sent',
    });
    // The cursor moved: the next pull asks only for what came after.
    await pullOwnAnswers(db, server.api, OWNER.id);
    const pulls = server.requests.filter((r) => r.method === 'GET' && r.path === '/v1/sync/survey-responses');
    expect(pulls.map((r) => r.params.get('since'))).toEqual([null, '2']);
  });

  it('keeps an answer the API refuses for good as rejected with its code, and never pushes it again', async () => {
    const saved = await answer('VID-00101');
    if (saved.outcome !== 'saved') throw new Error('not saved');
    surveys.putSurvey({ ...survey, status: 'closed' });

    expect(await pushOutbox(db, server.api, OWNER.id, deps())).toMatchObject({ rejected: 1, stoppedBy: null });
    expect(await db.surveyResponses.get(saved.response.id)).toMatchObject({
      localState: 'rejected',
      rejection: { code: 'survey_closed', message: 'refused: survey_closed', details: [] },
    });
    expect(await db.outbox.count()).toBe(0);
    await pushOutbox(db, server.api, OWNER.id, deps());
    expect(pushedTo('/v1/sync/survey-responses')).toHaveLength(1);
  });

  it('offline, keeps reports and answers and pauses the whole outbox; back online, delivers both', async () => {
    const saved = await report();
    const given = await answer('VID-00101');
    if (given.outcome !== 'saved') throw new Error('not saved');
    server.failNext('network');

    const offline = await syncUser(db, server.api, OWNER.id, deps());
    expect(offline.stoppedBy).toContain('Cannot reach');
    expect(offline.nextPushInMs).toBeGreaterThanOrEqual(1_000);
    // The report's route failed: the answers' route was not tried, and nothing was pulled.
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/sync/push']);
    expect(await db.outbox.count()).toBe(2);

    t += offline.nextPushInMs!;
    const online = await syncUser(db, server.api, OWNER.id, deps());
    expect(online).toMatchObject({ created: 2, stoppedBy: null, pullError: null, surveyPullError: null });
    expect(await db.gapReports.get(saved.id)).toMatchObject({ localState: 'sent' });
    expect(await db.surveyResponses.get(given.response.id)).toMatchObject({ localState: 'sent' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('honours a 429 on the answers route for the whole outbox, as long as Retry-After says', async () => {
    await answer('VID-00101');
    server.failNext({ status: 429, headers: { 'Retry-After': '120' } });

    const limited = await syncUser(db, server.api, OWNER.id, deps());
    expect(limited.stoppedBy).toContain('HTTP 429');
    expect(limited.nextPushInMs).toBe(120_000);
    // A report written meanwhile waits out the same pause.
    await report();
    expect(await syncUser(db, server.api, OWNER.id, deps())).toMatchObject({
      stoppedBy: 'waiting after a failed push',
      nextPushInMs: 120_000,
    });
    t += 120_000;
    expect(await syncUser(db, server.api, OWNER.id, deps())).toMatchObject({ created: 2, stoppedBy: null });
  });

  it('halves a batch of answers the API refuses as a whole until it finds the one it cannot take', async () => {
    const given = [];
    for (let i = 0; i < 4; i += 1) given.push(await answer(`VID-0020${i}`));
    const ids = given.map((g) => (g.outcome === 'saved' ? g.response.id : ''));
    // The third answer's request is refused whole (as a body limit would), the others are taken.
    const { routes } = surveys;
    const refusing = fakeReportApi({
      routes: (request) => {
        const body = request.body as { responses?: { id: string }[] } | undefined;
        if (request.method === 'POST' && body?.responses?.some((r) => r.id === ids[2])) {
          return { status: 413, body: { error: { code: 'payload_too_large', message: 'too large' } } };
        }
        return routes(request);
      },
    });

    expect(await pushOutbox(db, refusing.api, OWNER.id, deps())).toMatchObject({
      created: 3,
      rejected: 1,
      stoppedBy: null,
    });
    const posts = refusing.requests
      .filter((r) => r.method === 'POST')
      .map((r) => (r.body as { responses: unknown[] }).responses.length);
    expect(posts).toEqual([4, 2, 2, 1, 1]);
    expect(await db.surveyResponses.get(ids[2]!)).toMatchObject({
      localState: 'rejected',
      rejection: { code: 'refused', message: 'too large' },
    });
    expect(await db.outbox.count()).toBe(0);
  });

  it(`pushes answers ${SURVEY_PUSH_MAX} a request`, async () => {
    for (let i = 0; i < SURVEY_PUSH_MAX + 3; i += 1) await answer(`VID-${String(i).padStart(5, '0')}`);
    await pushOutbox(db, server.api, OWNER.id, deps());
    expect(pushedTo('/v1/sync/survey-responses').map((ids) => ids.length)).toEqual([SURVEY_PUSH_MAX, 3]);
    expect(surveys.answers.size).toBe(SURVEY_PUSH_MAX + 3);
  });
});
