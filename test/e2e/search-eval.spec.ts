import { badgeLabelPattern, expectedSummaries } from '../support/expected';
import { badgeIn, expect, screenshotPath, test } from './fixtures';
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
        await expect(badgeIn(page, `li[data-result-id="${result.id}"]`)).toHaveAttribute(
          'aria-label',
          badgeLabelPattern(expected.get(`demo-search/${result.id}`)),
        );
      }
    }
    await page.screenshot({ path: screenshotPath('search-eval') });
  });

  test('clicking a result badge opens that result in the item panel', async ({ context, page, demoUrl, seed }) => {
    const task = seed.search.tasks[0]!;
    const result = task.results[0]!;
    await page.goto(`${demoUrl}/search-eval/tasks/${task.id}`);
    const badge = badgeIn(page, `li[data-result-id="${result.id}"]`);
    await expect(badge).toHaveAttribute('aria-label', /^QA Lens: (\d+ audit|no audits)/);
    const [panel] = await Promise.all([context.waitForEvent('page'), badge.click()]);
    await expect(panel.getByTestId('item-key')).toHaveText(result.id);
    await expect(panel.getByText('demo-search')).toBeVisible();
    await panel.close();
  });
});
