import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptySummary } from '../../contract';
import { AppDB } from '../../utils/db/app-db';
import type { ItemState, SurveyCard } from '../../utils/messaging/protocol';
import { showInFrame, type FrameTarget } from '../../utils/surveys/survey-frames';
import { createSurveyService } from '../../utils/surveys/survey-service';
import { closeWithTwin } from '../../utils/sync/strict-db';
import { surveyFixture } from './survey-sync-fake-api';

const FRAME = { tabId: 7, frameId: 3 };
const URL_ = 'http://localhost:8788/moderation/queues/videos?page=5';
const state = (itemKey: string, policies: string[] = []): ItemState => {
  const ref = { site: 'demo-moderation', itemKey };
  return { ...ref, summary: { ...emptySummary(ref), policies }, freshness: 'fresh' };
};

describe('showing surveys in a frame', () => {
  const cards = [{ surveyId: 'x' } as SurveyCard];

  it('tells the survey script when it is there, and loads nothing', async () => {
    const tell = vi.fn(async () => true);
    const inject = vi.fn(async () => undefined);
    expect(await showInFrame(FRAME, cards, { tell, inject })).toBe(true);
    expect(tell).toHaveBeenCalledWith(FRAME, cards);
    expect(inject).not.toHaveBeenCalled();
  });

  it('loads the survey script into that frame alone when nobody answered, then tells it', async () => {
    const answers = [false, true];
    const calls: string[] = [];
    const tell = vi.fn(async (target: FrameTarget) => {
      calls.push(`tell ${target.frameId}`);
      return answers.shift()!;
    });
    const inject = vi.fn(async (target: FrameTarget) => {
      calls.push(`inject ${target.tabId}/${target.frameId}`);
    });
    expect(await showInFrame(FRAME, cards, { tell, inject })).toBe(true);
    expect(calls).toEqual(['tell 3', 'inject 7/3', 'tell 3']);
  });
});

describe('the survey service after a lookup', () => {
  let db: AppDB;
  const show = vi.fn(async () => true);
  const service = (userId: string | null = 'mod.alex') =>
    createSurveyService({ db, userId: async () => userId, show, now: () => Date.parse('2026-05-01T10:00:00Z') });

  beforeEach(async () => {
    db = new AppDB(`survey-service-${Math.random()}`);
    show.mockClear();
  });
  afterEach(async () => {
    closeWithTwin(db);
    await Dexie.delete(db.name);
  });

  it('shows a card per matching item in the asking frame, with the question and the item’s context', async () => {
    const survey = surveyFixture({ target: { ...surveyFixture().target, policies: ['self_harm'] } });
    await db.surveys.put(survey);
    const items = [
      { site: 'demo-moderation', itemKey: 'VID-00101', fields: { queue: 'videos' } },
      { site: 'demo-moderation', itemKey: 'VID-00102', fields: { queue: 'videos' } },
    ];
    // The first item's summary names the targeted policy; the second's does not.
    await service().offer({ ...FRAME, url: URL_ }, items, [
      state('VID-00101', ['self_harm']),
      state('VID-00102', ['spam']),
    ]);
    expect(show).toHaveBeenCalledTimes(1);
    expect(show).toHaveBeenCalledWith(FRAME, [
      {
        surveyId: survey.id,
        question: survey.question,
        kind: 'yes_no',
        scale: null,
        options: null,
        allowComment: true,
        context: expect.objectContaining({ itemKey: 'VID-00101', policy: 'self_harm', pageUrl: URL_ }),
      },
    ]);
  });

  it('shows nothing, and loads no script, where no survey applies or nobody is signed in', async () => {
    await db.surveys.put(surveyFixture());
    const items = [{ site: 'demo-moderation', itemKey: 'PST-00001', fields: { queue: 'posts' } }];
    expect(await service().offer({ ...FRAME, url: URL_ }, items, [])).toEqual([]);
    const videos = [{ site: 'demo-moderation', itemKey: 'VID-00101', fields: { queue: 'videos' } }];
    expect(await service(null).offer({ ...FRAME, url: URL_ }, videos, [])).toEqual([]);
    expect(show).not.toHaveBeenCalled();
  });
});
