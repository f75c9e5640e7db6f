import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GuidelinePublishRequest, inSample, type SyncedSurvey } from '../../contract';
import { generateSeed } from '../../demo/seed';
import { AppDB } from '../../utils/db/app-db';
import { dismissSurvey, saveAnswer } from '../../utils/surveys/survey-answers';
import { findOffers, surveySites, type OfferItem } from '../../utils/surveys/survey-offers';
import { closeWithTwin } from '../../utils/sync/strict-db';
import { surveyFixture } from './survey-sync-fake-api';

/*
 * Which survey a page shows on which item: decided in the background from IndexedDB, with the
 * contract's targeting and sampling, leaving out what the user answered or dismissed.
 */

const NOW = new Date('2026-05-01T10:00:00Z');
const USER = 'mod.alex';
const PAGE = 'http://localhost:8788/moderation/queues/videos?page=5';

const item = (itemKey: string, overrides: Partial<OfferItem> = {}): OfferItem => ({
  site: 'demo-moderation',
  itemKey,
  fields: { queue: 'videos', category: 'Challenge', title: 'Extreme fasting challenge — day 3' },
  policies: ['self_harm'],
  ...overrides,
});

describe('survey offers', () => {
  let db: AppDB;
  const survey = surveyFixture();
  const offers = (items: OfferItem[], ownerId = USER, now = NOW) =>
    findOffers(db, { ownerId, items, pageUrl: PAGE, now });
  const offered = async (items: OfferItem[], ownerId = USER) =>
    (await offers(items, ownerId)).map((offer) => `${offer.survey.id.slice(-1)}:${offer.context.itemKey}`);
  const put = (...surveys: SyncedSurvey[]) => db.surveys.bulkPut(surveys);

  beforeEach(() => {
    db = new AppDB(`survey-offers-${Math.random()}`);
  });
  afterEach(async () => {
    closeWithTwin(db);
    await Dexie.delete(db.name);
  });

  it('offers a survey on the items it targets, with their context, and not on others', async () => {
    await put(survey);
    const result = await offers([
      item('VID-00101'),
      item('PST-00001', { fields: { queue: 'posts' } }),
      item('T-0001-03', { site: 'demo-search', fields: { queue: 'videos' } }),
      item('VID-00102', { fields: {} }), // sent without fields: its queue is unknown
    ]);
    expect(result).toHaveLength(1);
    expect(result[0]!.survey.id).toBe(survey.id);
    expect(result[0]!.context).toMatchObject({
      site: 'demo-moderation',
      itemKey: 'VID-00101',
      queue: 'videos',
      policy: 'self_harm',
      pageUrl: PAGE,
      fields: { queue: 'videos', category: 'Challenge', title: 'Extreme fasting challenge — day 3' },
    });
  });

  it('targets fields, policies and guideline sections as the contract says', async () => {
    const seed = generateSeed({ anchor: new Date('2026-03-01T00:00:00Z') });
    await db.guidelineVersions.bulkPut(
      seed.guidelines.map((input, index) => ({
        ...GuidelinePublishRequest.parse(input),
        publishedAt: '2026-03-01T00:00:00.000Z',
        publishedBy: 'admin.jo',
        digest: 'd'.repeat(64),
        revision: index + 1,
      })),
    );
    const target = (t: Partial<SyncedSurvey['target']>) => ({ ...survey.target, queues: [], ...t });
    await put(
      surveyFixture({
        id: '01960000-0000-7000-8000-00000000000a',
        target: target({ fields: [{ field: 'category', values: ['Challenge'] }] }),
      }),
      surveyFixture({ id: '01960000-0000-7000-8000-00000000000b', target: target({ policies: ['hate_speech'] }) }),
      surveyFixture({ id: '01960000-0000-7000-8000-00000000000c', target: target({ sections: ['self-harm'] }) }),
    );
    const challenge = item('VID-00101');
    const comedy = item('VID-00102', {
      fields: { queue: 'videos', category: 'Comedy', title: 'Office prank sketch' },
      policies: ['misinformation'],
    });
    const slur = item('VID-00103', {
      fields: { queue: 'videos', category: 'Comedy', title: 'Stand-up set with slurs' },
      policies: ['violence', 'hate_speech'],
    });
    // One survey per item, the oldest that applies: a for the challenge video; b (by policy) for the slur.
    expect(await offered([challenge, comedy, slur])).toEqual(['a:VID-00101', 'b:VID-00103']);

    // Answered a on the challenge video: the next survey that applies (c, by its section) comes up.
    await saveAnswer(
      db,
      {
        surveyId: '01960000-0000-7000-8000-00000000000a',
        answer: true,
        context: {
          site: 'demo-moderation',
          itemKey: 'VID-00101',
          queue: 'videos',
          fields: { queue: 'videos', category: 'Challenge' },
        },
      },
      { ownerId: USER, now: () => NOW.getTime(), kick: () => {} },
    );
    const [next] = await offers([challenge]);
    expect(next!.survey.id).toBe('01960000-0000-7000-8000-00000000000c');
    expect(next!.context).toMatchObject({
      sectionId: 'self-harm',
      guidelineVersion: 'mod-2026.3',
      policy: 'self_harm',
    });
    // The policy an answer is filed under is the one the survey targets, not the item's first.
    const [forSlur] = await offers([slur]);
    expect(forSlur!.context.policy).toBe('hate_speech');
  });

  it('leaves out what this user answered (even before it was sent) or dismissed, and nothing of anyone else’s', async () => {
    await put(survey);
    const items = [item('VID-00101'), item('VID-00102'), item('VID-00103')];
    const saved = await saveAnswer(
      db,
      {
        surveyId: survey.id,
        answer: false,
        context: { site: 'demo-moderation', itemKey: 'VID-00101', queue: 'videos' },
      },
      { ownerId: USER, now: () => NOW.getTime(), kick: () => {} },
    );
    expect(saved.outcome === 'saved' && saved.response.localState).toBe('pending');
    await dismissSurvey(db, { ownerId: USER, surveyId: survey.id, site: 'demo-moderation', itemKey: 'VID-00102' });

    expect(await offered(items)).toEqual(['1:VID-00103']);
    expect(await offered(items, 'eval.sam')).toEqual(['1:VID-00101', '1:VID-00102', '1:VID-00103']);
    // A database reopened (a browser restart) remembers both.
    closeWithTwin(db);
    db = new AppDB(db.name);
    expect(await offered(items)).toEqual(['1:VID-00103']);
  });

  it('samples (user, item) pairs with inSample: stable, about the rate, different per user', async () => {
    await put(surveyFixture({ samplingRate: 0.3 }));
    const items = Array.from({ length: 400 }, (_, i) => item(`VID-${String(i).padStart(5, '0')}`));
    const shown = (await offers(items)).map((offer) => offer.context.itemKey);
    const expected = items
      .filter(({ site, itemKey }) => inSample(survey.id, USER, site, itemKey, 0.3))
      .map(({ itemKey }) => itemKey);
    expect(shown).toEqual(expected);
    expect(shown.length).toBeGreaterThan(400 * 0.2);
    expect(shown.length).toBeLessThan(400 * 0.4);
    expect((await offers(items)).map((offer) => offer.context.itemKey)).toEqual(shown);
    const other = (await offers(items, 'eval.sam')).map((offer) => offer.context.itemKey);
    expect(other).not.toEqual(shown);
  });

  it('offers nothing from a survey that is closed, capped, not started or over', async () => {
    await put(
      surveyFixture({ id: '01960000-0000-7000-8000-00000000000a', status: 'closed' }),
      surveyFixture({ id: '01960000-0000-7000-8000-00000000000b', capReached: true }),
      surveyFixture({
        id: '01960000-0000-7000-8000-00000000000c',
        window: { startsAt: '2026-06-01T00:00:00.000Z', endsAt: '2026-07-01T00:00:00.000Z' },
      }),
      surveyFixture({
        id: '01960000-0000-7000-8000-00000000000d',
        window: { startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2026-05-01T10:00:00.000Z' },
      }),
    );
    expect(await offers([item('VID-00101')])).toEqual([]);
    expect(await surveySites(db, ['demo-moderation'], NOW)).toEqual([]);
  });

  it('names the sites of a page that an open survey may target, so its lookups carry fields there', async () => {
    await put(survey);
    expect(await surveySites(db, ['demo-moderation', 'demo-search'], NOW)).toEqual(['demo-moderation']);
    await put(surveyFixture({ id: '01960000-0000-7000-8000-00000000000e', target: { ...survey.target, sites: [] } }));
    expect(await surveySites(db, ['demo-moderation', 'demo-search'], NOW)).toEqual(['demo-moderation', 'demo-search']);
  });

  it('drops page text the store cannot hold from the context rather than the survey', async () => {
    await put(survey);
    const [offer] = await offers([item('VID-00101', { fields: { queue: 'videos', title: 'broken \ud800 text' } })]);
    expect(offer!.context).toMatchObject({ itemKey: 'VID-00101', queue: 'videos', fields: null, pageUrl: null });
  });
});
