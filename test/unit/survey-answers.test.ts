import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppDB } from '../../utils/db/app-db';
import { AnswerRefused, saveAnswer, type NewSurveyAnswer } from '../../utils/surveys/survey-answers';
import { closeWithTwin, strictConnection } from '../../utils/sync/strict-db';
import { surveyFixture } from './survey-sync-fake-api';

const NOW = Date.parse('2026-05-01T10:00:00Z');
const USER = 'mod.alex';
const survey = surveyFixture({
  kind: 'scale',
  scale: { min: 1, max: 5, minLabel: 'Not clear', maxLabel: 'Very clear' },
  allowComment: false,
});
const answer = (overrides: Partial<NewSurveyAnswer> = {}): NewSurveyAnswer => ({
  surveyId: survey.id,
  answer: 4,
  context: { site: 'demo-moderation', itemKey: 'VID-00101', queue: 'videos', policy: 'self_harm' },
  ...overrides,
});

describe('saving a survey answer', () => {
  let db: AppDB;
  const kick = vi.fn();
  const save = (input = answer(), options = {}) =>
    saveAnswer(db, input, { ownerId: USER, now: () => NOW, kick, ...options });

  beforeEach(async () => {
    db = new AppDB(`survey-answers-${Math.random()}`);
    await db.surveys.put(survey);
    kick.mockReset();
  });
  afterEach(async () => {
    closeWithTwin(db);
    await Dexie.delete(db.name);
  });

  it('writes the answer and its outbox entry in one strict-durability transaction, then asks for a sync', async () => {
    const durabilities: string[] = [];
    const strict = strictConnection(db);
    for (const table of [strict.surveyResponses, strict.outbox]) {
      table.hook('creating', (_key, _row, transaction) => {
        durabilities.push((transaction as unknown as { idbtrans: IDBTransaction }).idbtrans.durability);
      });
    }
    const saved = await save(answer(), { newId: () => '0196a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b' });

    expect(durabilities).toEqual(['strict', 'strict']);
    expect(saved).toEqual({
      outcome: 'saved',
      response: {
        id: '0196a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b',
        ownerId: USER,
        surveyId: survey.id,
        site: 'demo-moderation',
        itemKey: 'VID-00101',
        answer: 4,
        comment: null,
        context: { site: 'demo-moderation', itemKey: 'VID-00101', queue: 'videos', policy: 'self_harm' },
        answeredAt: '2026-05-01T10:00:00.000Z',
        localState: 'pending',
        rejection: null,
      },
    });
    expect(await db.outbox.toArray()).toEqual([
      {
        collection: 'surveyResponses',
        id: '0196a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b',
        ownerId: USER,
        attempts: 0,
        nextAttemptAt: 0,
        lastError: null,
      },
    ]);
    expect(kick).toHaveBeenCalledTimes(1);
  });

  it('keeps one answer per user, survey and item, even when two tabs answer at once', async () => {
    const results = await Promise.all([save(), save(answer({ answer: 2 }))]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['already_answered', 'saved']);
    expect(await save()).toEqual({ outcome: 'already_answered' });
    expect(await db.surveyResponses.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    expect(kick).toHaveBeenCalledTimes(1);
    // Another item, and another user on the same item, answer on their own.
    expect(
      (await save(answer({ context: { site: 'demo-moderation', itemKey: 'VID-00102', queue: 'videos' } }))).outcome,
    ).toBe('saved');
    expect((await save(answer(), { ownerId: 'eval.sam' })).outcome).toBe('saved');
  });

  it.each([
    ['surveyId', answer({ surveyId: '01960000-0000-7000-8000-0000000000ff' }), 'is not asked about this item'],
    ['surveyId', answer({ context: { site: 'demo-moderation', itemKey: 'PST-00001', queue: 'posts' } }), 'not asked'],
    ['answer', answer({ answer: 6 }), 'not an answer this survey takes'],
    ['answer', answer({ answer: 'yes' }), 'not an answer this survey takes'],
    ['comment', answer({ comment: 'Section 6.4 is vague.' }), 'takes no comment'],
  ])('refuses a bad %s, says why, and writes nothing', async (path, input, why) => {
    const refusal = await save(input).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AnswerRefused);
    expect((refusal as AnswerRefused).details).toEqual([{ path, message: expect.stringContaining(why) }]);
    expect(await db.surveyResponses.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(kick).not.toHaveBeenCalled();
  });

  it('refuses an answer once the survey closed, with the fields the contract refuses named', async () => {
    await db.surveys.put({ ...survey, status: 'closed' });
    await expect(save()).rejects.toThrow('is not asked about this item');
    await db.surveys.put({ ...survey, allowComment: true });
    const refusal = (await save(answer({ comment: 'x'.repeat(1001) })).catch((e: unknown) => e)) as AnswerRefused;
    expect(refusal.details).toEqual([{ path: 'comment', message: expect.stringContaining('1000') }]);
    expect((await save(answer({ comment: '   ' }))).outcome).toBe('saved');
    expect((await db.surveyResponses.toArray())[0]?.comment).toBeNull();
  });
});
