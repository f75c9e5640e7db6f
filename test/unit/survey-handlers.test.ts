import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import adaptersForPage from '../../utils/background/handlers/adapters-for-page';
import answerSurvey from '../../utils/background/handlers/answer-survey';
import dismissSurvey from '../../utils/background/handlers/dismiss-survey';
import lookupItems from '../../utils/background/handlers/lookup-items';
import type { BackgroundServices } from '../../utils/background/services';
import { AppDB, getDb } from '../../utils/db/app-db';
import type { Sender } from '../../utils/messaging/router';
import { authState } from '../../utils/settings';
import { closeWithTwin } from '../../utils/sync/strict-db';
import { surveyFixture } from './survey-sync-fake-api';

/** The survey messages' handlers, each with the services the background gives them. */

const content: Sender = {
  kind: 'content',
  tabId: 7,
  frameId: 2,
  url: 'http://localhost:8788/moderation/queues/posts',
  origin: 'http://localhost:8788',
};
const item = { site: 'demo-moderation', itemKey: 'PST-00001' };

async function signIn(): Promise<void> {
  await getDb().secrets.put({ key: 'apiToken', value: 'token' });
  await authState.setValue({
    user: { id: 'mod.alex', name: 'Alex Moreno', roles: ['moderator'] },
    signedInAt: '2026-05-01T09:00:00Z',
  });
}

describe('survey message handlers', () => {
  let db: AppDB;
  const offer = vi.fn(async () => []);
  const lookup = vi.fn(async (refs: { site: string; itemKey: string }[]) => ({
    items: refs.map((ref) => ({ ...ref, summary: null, freshness: 'missing' as const })),
    signedIn: true,
  }));
  const services = () => ({ db, lookups: { lookup }, surveys: { offer } }) as unknown as BackgroundServices;

  beforeEach(async () => {
    db = new AppDB(`survey-handlers-${Math.random()}`);
    offer.mockClear();
    lookup.mockClear();
  });
  afterEach(async () => {
    closeWithTwin(db);
    await Dexie.delete(db.name);
    await getDb().secrets.clear();
  });

  it('lookupItems answers from the lookup service without the fields, then offers the frame its surveys', async () => {
    const request = { items: [{ ...item, fields: { queue: 'posts' } }] };
    const answer = await lookupItems.handle(request, { sender: content, services: services() });
    expect(lookup).toHaveBeenCalledWith([item], 7);
    expect(offer).toHaveBeenCalledWith(content, request.items, answer.items);
    // An extension page (the panel) shows no cards.
    await lookupItems.handle(request, { sender: { kind: 'extension' }, services: services() });
    expect(offer).toHaveBeenCalledTimes(1);
  });

  it('answerSurvey saves as the signed-in user, and refuses when nobody is', async () => {
    const survey = surveyFixture({ target: { ...surveyFixture().target, queues: ['posts'] } });
    await db.surveys.put(survey);
    const request = { surveyId: survey.id, answer: true, context: { ...item, queue: 'posts' } };
    await expect(answerSurvey.handle(request, { sender: content, services: services() })).rejects.toThrow('Sign in');

    await signIn();
    expect(await answerSurvey.handle(request, { sender: content, services: services() })).toEqual({ outcome: 'saved' });
    expect(await answerSurvey.handle(request, { sender: content, services: services() })).toEqual({
      outcome: 'already_answered',
    });
    expect(await db.surveyResponses.toArray()).toEqual([expect.objectContaining({ ownerId: 'mod.alex', ...item })]);
  });

  it('dismissSurvey records "Not now" for the signed-in user', async () => {
    await signIn();
    await dismissSurvey.handle({ ...item, surveyId: surveyFixture().id }, { sender: content, services: services() });
    expect(await db.surveyDismissals.toArray()).toEqual([
      expect.objectContaining({ ownerId: 'mod.alex', surveyId: surveyFixture().id, ...item }),
    ]);
  });

  it('adaptersForPage names the page’s sites an open survey may target, and nothing otherwise', async () => {
    const url = { url: 'http://localhost:8788/moderation/queues/posts' };
    expect(await adaptersForPage.handle(url, { sender: content, services: services() })).not.toHaveProperty(
      'surveySites',
    );
    await db.surveys.put(
      surveyFixture({
        window: { startsAt: '2000-01-01T00:00:00.000Z', endsAt: '2100-01-01T00:00:00.000Z' },
      }),
    );
    expect(await adaptersForPage.handle(url, { sender: content, services: services() })).toMatchObject({
      surveySites: ['demo-moderation'],
    });
  });
});
