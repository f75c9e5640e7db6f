import { beforeEach, expect, it } from 'vitest';
import { SurveyListResponse, type Survey } from '../../contract';
import { describeEachDatabase } from './databases';
import { useTestApp, type Caller } from './harness';
import { answer, choiceSurvey, NOW, scaleSurvey, surveyApi, WINDOW, yesNoSurvey } from './survey-fixtures';

describeEachDatabase('surveys', (database) => {
  const t = useTestApp(database, { now: () => NOW });
  const api = surveyApi(t);
  let ana: Caller;
  let ada: Caller;
  let mo: Caller;

  beforeEach(async () => {
    ana = await t.caller('ana.analyst', ['analyst']);
    ada = await t.caller('ada.admin', ['admin']);
    mo = await t.caller('mo.mod', ['moderator']);
  });

  it('creates a survey as a draft unless asked to activate it, and reads it back whole', async () => {
    const draft = await api.create(ana.token, yesNoSurvey({ status: undefined }));
    expect(draft).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      question: 'Was the hate-speech section clear for this item?',
      kind: 'yes_no',
      scale: null,
      options: null,
      allowComment: true,
      target: { sites: ['demo-moderation'], queues: ['posts'], policies: [], sections: [], fields: [] },
      window: WINDOW,
      samplingRate: 1,
      responseCap: 1000,
      status: 'draft',
      createdBy: { id: 'ana.analyst', name: 'User ana.analyst' },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      revision: expect.any(Number),
      responseCount: 0,
      capReached: false,
    });
    expect(await api.get(ada.token, draft.id)).toEqual(draft);

    const scale = await api.create(ada.token, scaleSurvey({ scale: { min: 0, max: 10, maxLabel: 'Very clear' } }));
    expect(scale).toMatchObject({
      status: 'active',
      scale: { min: 0, max: 10, minLabel: null, maxLabel: 'Very clear' },
    });
    const choice = await api.create(ana.token, choiceSurvey());
    expect(choice.options).toEqual(choiceSurvey().options);
  });

  it('refuses an invalid survey with the field named, and an unknown id with 404', async () => {
    const res = await t.request('POST', '/v1/surveys', {
      token: ana.token,
      json: scaleSurvey({ scale: { min: 1, max: 20 } }),
    });
    expect(await api.error(res, 400)).toMatchObject({
      code: 'invalid_request',
      details: [{ path: 'scale.max', message: 'a scale has 2 to 11 points (max − min + 1), not 20' }],
    });
    const unknown = '0190a5b2-7c3e-7abc-8def-00000000ffff';
    expect(await api.error(await t.request('GET', `/v1/surveys/${unknown}`, { token: ana.token }), 404)).toEqual({
      code: 'not_found',
      message: `no survey ${unknown}`,
    });
    expect((await api.error(await t.request('GET', '/v1/surveys/not-a-uuid', { token: ana.token }), 400)).code).toBe(
      'invalid_request',
    );
  });

  it('lists surveys newest first with their response counts, by status, a page at a time', async () => {
    const made: Survey[] = [];
    for (let n = 0; n < 5; n += 1)
      made.push(await api.create(ana.token, yesNoSurvey({ status: n % 2 ? 'draft' : 'active' })));
    await api.push(mo.token, [answer(1, made[0]!.id), answer(2, made[0]!.id), answer(3, made[2]!.id)]);

    const page = async (query: string) => {
      const res = await t.request('GET', `/v1/surveys?${query}`, { token: ana.token });
      expect(res.status).toBe(200);
      return SurveyListResponse.parse(await res.json());
    };
    const first = await page('limit=3');
    expect(first.surveys.map((s) => s.id)).toEqual([made[4]!.id, made[3]!.id, made[2]!.id]);
    expect(first.nextBefore).toBe(made[2]!.id);
    const second = await page(`limit=3&before=${first.nextBefore}`);
    expect(second.surveys.map((s) => [s.id, s.responseCount])).toEqual([
      [made[1]!.id, 0],
      [made[0]!.id, 2],
    ]);
    expect(second.nextBefore).toBeNull();
    expect(first.surveys.find((s) => s.id === made[2]!.id)!.responseCount).toBe(1);
    expect((await page('status=draft')).surveys.map((s) => s.id)).toEqual([made[3]!.id, made[1]!.id]);
  });

  it('edits a draft freely: a kind switch drops the other kind’s part; each change takes a new revision', async () => {
    const draft = await api.create(ana.token, scaleSurvey({ status: 'draft' }));
    const yesNo = await api.patch(ana.token, draft.id, { kind: 'yes_no', question: 'Clear?' });
    expect(yesNo).toMatchObject({ kind: 'yes_no', scale: null, question: 'Clear?', status: 'draft' });
    expect(yesNo.revision).toBeGreaterThan(draft.revision);

    const choice = await api.patch(ana.token, draft.id, { kind: 'choice', options: choiceSurvey().options });
    expect(choice.options).toEqual(choiceSurvey().options);
    const target = { queues: ['videos'], fields: [{ field: 'category' as const, values: ['News'] }] };
    const targeted = await api.patch(ana.token, draft.id, { target, samplingRate: 0.25, responseCap: 5 });
    expect(targeted).toMatchObject({
      target: { sites: [], queues: ['videos'], policies: [], sections: [], fields: target.fields },
      samplingRate: 0.25,
      responseCap: 5,
    });

    // The same values again change nothing and keep the revision.
    const again = await api.patch(ana.token, draft.id, { target, samplingRate: 0.25 });
    expect(again.revision).toBe(targeted.revision);
    expect(again.updatedAt).toBe(targeted.updatedAt);
  });

  it('checks a patched survey as a whole and names what is wrong', async () => {
    const draft = await api.create(ana.token, yesNoSurvey({ status: 'draft' }));
    const res = await api.patchRaw(ana.token, draft.id, { kind: 'scale' });
    expect(await api.error(res, 400)).toMatchObject({
      code: 'invalid_request',
      message: 'invalid survey: scale: a scale survey needs scale {min, max}',
    });
    const window = { startsAt: WINDOW.endsAt, endsAt: WINDOW.startsAt };
    expect((await api.error(await api.patchRaw(ana.token, draft.id, { window }), 400)).details).toEqual([
      { path: 'window.endsAt', message: 'endsAt must be after startsAt' },
    ]);
    expect((await api.error(await api.patchRaw(ana.token, draft.id, {}), 400)).message).toContain(
      'change at least one field or the status',
    );
    expect(await api.get(ana.token, draft.id)).toEqual(draft);
  });

  it('activates and closes; a closed survey is final and an active one never goes back to draft', async () => {
    const draft = await api.create(ana.token, yesNoSurvey({ status: 'draft' }));
    const active = await api.patch(ana.token, draft.id, { status: 'active' });
    expect(active.status).toBe('active');
    expect(await api.error(await api.patchRaw(ana.token, draft.id, { status: 'draft' }), 409)).toMatchObject({
      code: 'invalid_transition',
      message: `survey ${draft.id} cannot go from active to draft; an active survey can only be closed`,
    });
    const closed = await api.patch(ada.token, draft.id, { status: 'closed' });
    expect(closed.status).toBe('closed');
    // Closing again is a retry: nothing changes.
    expect((await api.patch(ana.token, draft.id, { status: 'closed' })).revision).toBe(closed.revision);
    for (const body of [{ status: 'active' }, { question: 'Reopen?' }]) {
      expect(await api.error(await api.patchRaw(ana.token, draft.id, body), 409)).toEqual({
        code: 'survey_closed',
        message: `survey ${draft.id} is closed; a closed survey cannot change`,
      });
    }
    // A draft may be closed without ever being shown.
    const other = await api.create(ana.token, yesNoSurvey({ status: 'draft' }));
    expect((await api.patch(ana.token, other.id, { status: 'closed' })).status).toBe('closed');
  });

  it('keeps an answered survey’s question, kind, scale and options, but lets its targeting, window and cap change', async () => {
    const survey = await api.create(ana.token, choiceSurvey());
    // Before anyone answered, the question may still be corrected.
    const fixed = await api.patch(ana.token, survey.id, { question: 'Which part of the guideline helped?' });
    await api.push(mo.token, [answer(1, survey.id, { answer: 'examples' })]);

    const options = [...choiceSurvey().options!, { id: 'other', label: 'Something else' }];
    for (const [body, fields] of [
      [{ question: 'Another question?' }, ['question']],
      [{ options }, ['options']],
      [{ kind: 'yes_no', question: 'Yes?' }, ['question', 'kind', 'options']],
    ] as const) {
      expect(await api.error(await api.patchRaw(ana.token, survey.id, body), 409)).toEqual({
        code: 'survey_has_responses',
        message: `survey ${survey.id} has 1 answers, so its ${fields.join(', ')} cannot change; close it and create a new survey`,
        details: fields.map((path) => ({ path, message: 'fixed once the survey has answers' })),
      });
    }
    const moved = await api.patch(ana.token, survey.id, {
      question: fixed.question, // unchanged: allowed
      target: { queues: ['videos'] },
      window: { startsAt: WINDOW.startsAt, endsAt: '2026-06-01T00:00:00.000Z' },
      responseCap: 10,
      allowComment: false,
    });
    expect(moved).toMatchObject({ responseCap: 10, allowComment: false, responseCount: 1 });
    expect(moved.target.queues).toEqual(['videos']);
  });

  it('refuses a patch based on an old revision when the editor says which one it saw', async () => {
    const draft = await api.create(ana.token, yesNoSurvey({ status: 'draft' }));
    const edited = await api.patch(ana.token, draft.id, { question: 'First edit?', expectedRevision: draft.revision });
    expect(
      await api.error(
        await api.patchRaw(ada.token, draft.id, { question: 'Late edit?', expectedRevision: draft.revision }),
        409,
      ),
    ).toEqual({
      code: 'stale_revision',
      message: `survey ${draft.id} changed meanwhile (now revision ${edited.revision})`,
    });
    expect((await api.get(ana.token, draft.id)).question).toBe('First edit?');
    const unknown = '0190a5b2-7c3e-7abc-8def-00000000ffff';
    expect((await api.error(await api.patchRaw(ana.token, unknown, { status: 'closed' }), 404)).code).toBe('not_found');
  });

  it('syncs surveys that are or were active to every role, never drafts, and brings back closes', async () => {
    const draft = await api.create(ana.token, yesNoSurvey({ status: 'draft' }));
    const active = await api.create(ana.token, scaleSurvey());
    const first = await api.sync(mo.token);
    expect(first.surveys.map((s) => s.id)).toEqual([active.id]);
    expect(first.hasMore).toBe(false);
    // What clients see: no author, no count.
    const { createdBy: _by, createdAt: _at, responseCount: _count, ...synced } = active;
    expect(first.surveys[0]).toEqual(synced);

    // Nothing new: the cursor stays.
    expect(await api.sync(mo.token, `since=${first.nextCursor}`)).toEqual({
      surveys: [],
      nextCursor: first.nextCursor,
      hasMore: false,
    });
    // A draft's edits stay invisible; its activation and a close are changes clients pull.
    await api.patch(ana.token, draft.id, { question: 'Still a draft?' });
    expect((await api.sync(mo.token, `since=${first.nextCursor}`)).surveys).toEqual([]);
    await api.patch(ana.token, draft.id, { status: 'active' });
    await api.patch(ana.token, active.id, { status: 'closed' });
    const next = await api.sync(mo.token, `since=${first.nextCursor}`);
    expect(next.surveys.map((s) => [s.id, s.status])).toEqual([
      [draft.id, 'active'],
      [active.id, 'closed'],
    ]);
    // A draft closed without ever being active is never synced.
    const neverShown = await api.create(ana.token, yesNoSurvey({ status: 'draft' }));
    await api.patch(ana.token, neverShown.id, { status: 'closed' });
    expect((await api.sync(mo.token, `since=${next.nextCursor}`)).surveys).toEqual([]);
  });

  it('pages the sync by revision', async () => {
    const made: Survey[] = [];
    for (let n = 0; n < 5; n += 1) made.push(await api.create(ana.token, yesNoSurvey()));
    const seen: string[] = [];
    let cursor = '0';
    for (;;) {
      const page = await api.sync(mo.token, `since=${cursor}&limit=2`);
      seen.push(...page.surveys.map((s) => s.id));
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect(seen).toEqual(made.map((s) => s.id));
  });

  it('flags a survey whose cap is reached with a new revision, and clears the flag when the cap is raised', async () => {
    const survey = await api.create(ana.token, yesNoSurvey({ responseCap: 2 }));
    const { nextCursor } = await api.sync(mo.token);
    await api.push(mo.token, [answer(1, survey.id)]);
    expect((await api.sync(mo.token, `since=${nextCursor}`)).surveys).toEqual([]);
    await api.push(mo.token, [answer(2, survey.id)]);
    const reached = await api.sync(mo.token, `since=${nextCursor}`);
    expect(reached.surveys.map((s) => [s.id, s.capReached])).toEqual([[survey.id, true]]);
    expect((await api.get(ana.token, survey.id)).capReached).toBe(true);
    await api.patch(ana.token, survey.id, { responseCap: 3 });
    const raised = await api.sync(mo.token, `since=${reached.nextCursor}`);
    expect(raised.surveys.map((s) => [s.responseCap, s.capReached])).toEqual([[3, false]]);
  });

  it('refuses a sync cursor or limit it never gave out', async () => {
    for (const query of ['since=abc', 'since=-1', 'limit=0', 'limit=201', `since=${'9'.repeat(19)}`]) {
      const res = await t.request('GET', `/v1/sync/surveys?${query}`, { token: mo.token });
      expect((await api.error(res, 400)).code, query).toBe('invalid_request');
    }
  });
});
