import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { OwnSurveyResponse, SurveyResults } from '../../contract';
import { DEMO_SURVEY_ID } from '../../demo/seed';
import { api, demoToken } from './api';
import { expectBadgeCount } from './badges';
import { EXTENSION_DIR, expect, screenshotPath, test } from './fixtures';
import { signIn } from './pages';
import {
  clickInCard,
  focusInCard,
  localSurveys,
  parsedScripts,
  readSurveyCards,
  surveyCardMarkup,
  surveyCardOn,
  syncNow,
} from './survey-cards';

// The seeded survey ("Was the hate-speech section clear for this item?", yes/no with a comment) is
// targeted at every item of the moderation console's Posts queue and nowhere else, sampled at 1.
// Pages not used by the other specs, so their cards and answers are this spec's alone.
const POSTS = '/moderation/queues/posts?page=11';
const VIDEOS = '/moderation/queues/videos?page=11';
const SURVEY_SCRIPT = '/content-scripts/survey.js';

/** Mod Alex's own stored answers to the seeded survey, from the API. */
async function ownAnswers(apiUrl: string): Promise<OwnSurveyResponse[]> {
  const token = await demoToken(apiUrl, 'mod.alex');
  const { body } = await api(apiUrl, token, 'GET', '/v1/sync/survey-responses?limit=200');
  return (body.responses as OwnSurveyResponse[]).filter((r) => r.surveyId === DEMO_SURVEY_ID);
}

/** The seeded survey's results, as an analyst reads them. */
async function results(apiUrl: string): Promise<SurveyResults> {
  const token = await demoToken(apiUrl, 'analyst.riley');
  const { status, body } = await api(apiUrl, token, 'GET', `/v1/surveys/${DEMO_SURVEY_ID}/results`);
  expect(status).toBe(200);
  return body as unknown as SurveyResults;
}

const countOf = (tally: SurveyResults, key: string) => tally.overall.counts.find((c) => c.key === key)?.count ?? 0;

async function itemIds(page: Page): Promise<string[]> {
  return page.locator('article.mq-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-item-id')!));
}

test.describe('in-context surveys', () => {
  test.beforeAll(async ({ context, extensionId, apiUrl }) => {
    // Only the seeded survey is open: another spec's survey (for every demo item) would take the items first.
    const analyst = await demoToken(apiUrl, 'analyst.riley');
    const { body } = await api(apiUrl, analyst, 'GET', '/v1/surveys?status=active&limit=200');
    for (const { id } of body.surveys as { id: string }[]) {
      if (id !== DEMO_SURVEY_ID) await api(apiUrl, analyst, 'PATCH', `/v1/surveys/${id}`, { status: 'closed' });
    }
    await signIn(context, extensionId, apiUrl, 'Alex Moreno');
    // The surveys arrive with a sync run (start-up, sign-in, the alarm): ask for one until they are here.
    await expect
      .poll(async () => {
        await syncNow(context, extensionId);
        const local = await localSurveys(context, extensionId);
        return Object.entries(local)
          .filter(([, status]) => status === 'active')
          .map(([id]) => id);
      })
      .toEqual([DEMO_SURVEY_ID]);
  });

  test('the seeded survey shows on matching items only, takes one answer that arrives once, and does not come back', async ({
    context,
    extensionId,
    page,
    apiUrl,
    demoUrl,
    seed,
  }) => {
    const { question } = seed.surveys.find((s) => s.id === DEMO_SURVEY_ID)!;
    const before = await results(apiUrl);

    // A Videos page first: its badges drawn means its lookups were answered.
    const videos = await context.newPage();
    await videos.goto(`${demoUrl}${VIDEOS}`);
    await expectBadgeCount(videos, 24, 'summary');

    // The Posts page: a card on every item, right after its badge, once per item.
    await page.goto(`${demoUrl}${POSTS}`);
    const ids = await itemIds(page);
    expect(ids).toHaveLength(24);
    await expect.poll(async () => (await readSurveyCards(page)).map((c) => c.itemKey)).toEqual(ids);
    const cards = await readSurveyCards(page);
    expect(cards.every((c) => c.question === question && c.previous === 'QA-LENS-BADGE')).toBe(true);
    expect(cards[0]!.labels).toEqual(['Yes', 'No', 'Comment (optional)']);
    await page.screenshot({ path: screenshotPath('survey-card') });
    // The card is in the flow under the badge: the item's own buttons are still where a person clicks them.
    await expect(page.locator(`article[data-item-id="${ids[0]}"] .btn--approve`)).toBeVisible();
    expect(await page.locator(`article[data-item-id="${ids[0]}"] .btn--approve`).isEnabled()).toBe(true);

    // The Videos items match no survey: no card, and the survey code never loaded there. (Its lookups
    // were answered before the Posts page asked; the Posts cards show those offers were decided.)
    expect(await readSurveyCards(videos)).toEqual([]);
    expect((await parsedScripts(videos)).filter((url) => url.endsWith(SURVEY_SCRIPT))).toEqual([]);
    expect((await parsedScripts(page)).filter((url) => url.endsWith(SURVEY_SCRIPT))).toHaveLength(1);
    await videos.close();

    // Answer the first item with the mouse, with a comment typed in.
    const [first, second] = ids as [string, string];
    await clickInCard(page, first, 'No');
    await focusInCard(page, first, 'comment');
    await page.keyboard.type('Quoting a slur to condemn it is not covered.');
    await clickInCard(page, first, 'Send');
    await expect.poll(async () => (await surveyCardOn(page, first))?.status).toBe('Thanks, your answer is saved.');
    await expect.poll(async () => surveyCardOn(page, first)).toBeUndefined();

    // It reaches the API once, with the item's context.
    await expect.poll(async () => (await ownAnswers(apiUrl)).filter((r) => r.context.itemKey === first).length).toBe(1);
    const [stored] = (await ownAnswers(apiUrl)).filter((r) => r.context.itemKey === first);
    expect(stored).toMatchObject({
      answer: false,
      comment: 'Quoting a slur to condemn it is not covered.',
      context: { site: 'demo-moderation', itemKey: first, queue: 'posts', pageUrl: `${demoUrl}${POSTS}` },
    });
    expect(stored!.context.fields).toMatchObject({ queue: 'posts', category: expect.any(String) });
    const after = await results(apiUrl);
    expect(after.overall.total).toBe(before.overall.total + 1);
    expect(countOf(after, 'no')).toBe(countOf(before, 'no') + 1);
    expect(after.overall.comments).toBe(before.overall.comments + 1);

    // After a reload the others are asked again (the second's card shows the offers were decided), this one not.
    await page.reload();
    await expect.poll(async () => (await surveyCardOn(page, second))?.question).toBe(question);
    expect((await readSurveyCards(page)).map((c) => c.itemKey)).toEqual(ids.slice(1));
    // Another sync run pushes nothing again.
    await syncNow(context, extensionId);
    expect((await ownAnswers(apiUrl)).filter((r) => r.context.itemKey === first)).toHaveLength(1);
    expect((await results(apiUrl)).overall.total).toBe(before.overall.total + 1);
  });

  test('"Not now" and Escape keep a card away for that item, across reloads; the keyboard alone answers', async ({
    page,
    apiUrl,
    demoUrl,
  }) => {
    await page.goto(`${demoUrl}${POSTS}`);
    const ids = await itemIds(page);
    const [, second, third, fourth, fifth] = ids as [string, string, string, string, string];
    await expect.poll(async () => (await surveyCardOn(page, fifth))?.labels[0]).toBe('Yes');

    await clickInCard(page, second, 'Not now');
    await focusInCard(page, third, 'Yes');
    await page.keyboard.press('Escape');
    // Keyboard only: on "Yes", the arrow key moves to "No", Enter sends it.
    await focusInCard(page, fourth, 'Yes');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await surveyCardOn(page, fourth))?.status).toBe('Thanks, your answer is saved.');
    expect(await surveyCardOn(page, second)).toBeUndefined();
    expect(await surveyCardOn(page, third)).toBeUndefined();
    await expect
      .poll(async () => (await ownAnswers(apiUrl)).find((r) => r.context.itemKey === fourth)?.answer)
      .toBe(false);

    await page.reload();
    await expect.poll(async () => (await surveyCardOn(page, fifth))?.labels[0]).toBe('Yes');
    const shown = (await readSurveyCards(page)).map((c) => c.itemKey);
    for (const gone of [ids[0], second, third, fourth]) expect(shown).not.toContain(gone);
    expect(shown).toHaveLength(20);
    // A dismissal is this browser's: nothing reached the API for those items.
    const answered = (await ownAnswers(apiUrl)).map((r) => r.context.itemKey);
    expect(answered).not.toContain(second);
    expect(answered).not.toContain(third);
  });

  test('the card has no serious accessibility problems, and its script carries no database, token or validator', async ({
    context,
    page,
    demoUrl,
  }) => {
    await page.goto(`${demoUrl}${POSTS}`);
    const ids = await itemIds(page);
    const last = ids.at(-1)!;
    await expect.poll(async () => (await surveyCardOn(page, last))?.labels[0]).toBe('Yes');
    // The card lives in a closed shadow root axe cannot enter: check its markup and styles as drawn.
    const markup = await surveyCardMarkup(page, last);
    const sheet = await context.newPage();
    await sheet.setContent(
      `<!doctype html><html lang="en"><head><title>Survey card</title></head><body><main>${markup}</main></body></html>`,
    );
    const { violations } = await new AxeBuilder({ page: sheet }).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await sheet.close();

    const script = readFileSync(join(EXTENSION_DIR, 'content-scripts/survey.js'), 'utf8');
    for (const forbidden of ['local:auth', 'Bearer', 'indexedDB', 'Dexie', 'react', 'ZodError', 'innerHTML']) {
      expect(script, `survey script contains "${forbidden}"`).not.toContain(forbidden);
    }
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
      content_scripts: { js: string[] }[];
    };
    // Registered nowhere: the background injects it where a survey applies.
    expect(manifest.content_scripts.flatMap((entry) => entry.js)).toEqual(['content-scripts/overlay.js']);
  });
});
