import { EVENTS_PAGE_SIZE } from '../../utils/items/item-events';
import { badgeLabelPattern, expectedSummaries } from '../support/expected';
import { clickBadge, expectBadgeLabel } from './badges';
import { expect, screenshotPath, test } from './fixtures';
import { signIn } from './pages';

test.describe('moderation queue', () => {
  test.beforeAll(async ({ context, extensionId, apiUrl }) => {
    await signIn(context, extensionId, apiUrl, 'Alex Moreno');
  });

  for (const queue of ['videos', 'listings']) {
    test(`every card in the ${queue} queue gets a badge with the counts the seed implies`, async ({
      page,
      demoUrl,
      seed,
    }) => {
      const expected = expectedSummaries(seed.events);
      await page.goto(`${demoUrl}/moderation/queues/${queue}?page=2`);
      const ids = await page
        .locator('article.mq-card')
        .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-item-id')!));
      expect(ids).toHaveLength(24);
      for (const id of ids) {
        await expectBadgeLabel(page, id, badgeLabelPattern(expected.get(`demo-moderation/${id}`)));
      }
      await expect(page.locator('qa-lens-badge')).toHaveCount(24);
      if (queue === 'videos') await page.screenshot({ path: screenshotPath('moderation-queue') });
    });
  }

  test("clicking a badge opens the item panel with that item's history", async ({ context, page, demoUrl, seed }) => {
    const expected = expectedSummaries(seed.events);
    await page.goto(`${demoUrl}/moderation/queues/videos`);
    const ids = await page
      .locator('article.mq-card')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-item-id')!));
    // The most-audited item on the page: its history is long enough to be worth reading.
    const id = ids.reduce((best, next) =>
      (expected.get(`demo-moderation/${next}`)?.audits ?? 0) > (expected.get(`demo-moderation/${best}`)?.audits ?? 0)
        ? next
        : best,
    );
    const want = expected.get(`demo-moderation/${id}`)!;
    expect(want.audits).toBeGreaterThan(0);

    await expectBadgeLabel(page, id, /^QA Lens: [^,]+, \d+ audit/);
    const [panel] = await Promise.all([context.waitForEvent('page'), clickBadge(page, id)]);
    await panel.waitForLoadState();
    await expect(panel.getByTestId('item-key')).toHaveText(id);
    await expect(panel.getByTestId('audits')).toHaveText(String(want.audits));
    await expect(panel.getByTestId('incorrect')).toHaveText(String(want.incorrect));
    await expect(panel.getByTestId('overturns')).toHaveText(String(want.overturns));
    await expect(panel.getByTestId('event')).toHaveCount(Math.min(EVENTS_PAGE_SIZE, want.audits));
    await expect(panel.getByTestId('event').first().locator('time')).toHaveText(/ago|in /);
    await panel.screenshot({ path: screenshotPath('item-panel') });

    // A second badge re-targets the same panel window rather than opening another.
    const other = ids.find((candidate) => candidate !== id)!;
    const pagesBefore = context.pages().length;
    await clickBadge(page, other);
    await expect(panel.getByTestId('item-key')).toHaveText(other);
    expect(context.pages().length).toBe(pagesBefore);
    await panel.close();
  });

  test('the popup shows who is signed in, the connection and what is cached', async ({ context, extensionId }) => {
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup.getByTestId('popup-user')).toHaveText('Alex Moreno (moderator)');
    await expect(popup.getByTestId('popup-connection')).toContainText('connected');
    await expect(popup.getByTestId('popup-items-cached')).not.toHaveText(/^(0|…)$/);
    await expect(popup.getByTestId('popup-last-sync')).toHaveText(/ago/);
    await popup.close();
  });
});
