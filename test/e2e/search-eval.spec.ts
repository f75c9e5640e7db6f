import { badgeLabelPattern, expectedSummaries } from '../support/expected';
import { clickBadge, expectBadgeLabel } from './badges';
import { expect, screenshotPath, test } from './fixtures';
import { signIn } from './pages';

test.describe('search evaluation task', () => {
  test.beforeAll(async ({ context, extensionId, apiUrl }) => {
    await signIn(context, extensionId, apiUrl, 'Lee Park');
  });

  test('every ranked result gets a badge with the counts the seed implies', async ({ page, demoUrl, seed }) => {
    const expected = expectedSummaries(seed.events);
    for (const task of seed.search.tasks.slice(0, 3)) {
      await page.goto(`${demoUrl}/search-eval/tasks/${task.id}`);
      await expect(page.locator('li.se-result')).toHaveCount(task.results.length);
      for (const result of task.results) {
        await expectBadgeLabel(page, result.id, badgeLabelPattern(expected.get(`demo-search/${result.id}`)));
      }
    }
    await page.screenshot({ path: screenshotPath('search-eval') });
  });

  test('clicking a result badge opens that result in the item panel', async ({ context, page, demoUrl, seed }) => {
    const task = seed.search.tasks[0]!;
    const result = task.results[0]!;
    await page.goto(`${demoUrl}/search-eval/tasks/${task.id}`);
    await expectBadgeLabel(page, result.id, /^QA Lens: ([^,]+, \d+ audit|No audits)/);
    const [panel] = await Promise.all([context.waitForEvent('page'), clickBadge(page, result.id)]);
    await expect(panel.getByTestId('item-key')).toHaveText(result.id);
    await expect(panel.getByText('demo-search')).toBeVisible();
    await panel.close();
  });
});
