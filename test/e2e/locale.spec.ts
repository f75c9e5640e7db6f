import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { launchChromium } from '../support/browser';
import { expectedSummaries } from '../support/expected';
import { clickBadge, expectBadgeState } from './badges';
import { expect, test } from './fixtures';
import { OptionsPage } from './pages';

// The extension's text follows the browser's language: Simplified Chinese for a Chinese
// browser, English otherwise. This file's browser is a Chinese one (a worker option, so it
// must be set for the whole file); the English test starts a browser of its own.
test.use({ uiLanguage: 'zh-CN' });

/** What the extension sees of the browser's language, from one of its pages. */
function languageOf(page: Page) {
  return page.evaluate(() => ({
    ui: chrome.i18n.getUILanguage(),
    htmlLang: document.documentElement.lang,
    title: document.title,
  }));
}

test.describe('in a Chinese browser', () => {
  test('the options page, the popup and the item panel are in Simplified Chinese', async ({
    context,
    extensionId,
    page,
    apiUrl,
    demoUrl,
    seed,
  }) => {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    expect(await languageOf(page)).toEqual({ ui: 'zh-CN', htmlLang: 'zh-CN', title: 'QA Lens — 设置' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('QA Lens 设置');
    await expect(page.getByText('尚未登录。')).toBeVisible();

    await page.getByLabel('API 地址').fill(apiUrl);
    await page.getByRole('button', { name: '连接', exact: true }).click();
    await expect(page.getByTestId('connection-status')).toContainText(/^已连接到 QA Lens API .+（pglite，演示模式）$/);
    await page.getByRole('button', { name: '以 Alex Moreno（审核员）身份登录' }).click();
    await expect(page.getByTestId('signed-in-as')).toHaveText('已登录：Alex Moreno（审核员）');
    await expect(page.getByTestId('token-expiry')).toHaveText(/^令牌将于 \d{4}-\d{2}-\d{2} 过期$/);
    await expect(page.getByRole('heading', { name: '站点适配器' })).toBeVisible();
    await expect(page.getByRole('button', { name: '在标签页上运行' })).toBeVisible();

    const queue = await context.newPage();
    await queue.goto(`${demoUrl}/moderation/queues/videos`);
    const expected = expectedSummaries(seed.events);
    const ids = await queue
      .locator('article.mq-card')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-item-id')!));
    const key = ids.find((id) => (expected.get(`demo-moderation/${id}`)?.audits ?? 0) > 1)!;
    await expectBadgeState(queue, key);
    const [panel] = await Promise.all([context.waitForEvent('page'), clickBadge(queue, key)]);
    await panel.waitForLoadState();
    await expect(panel.getByTestId('item-key')).toHaveText(key);
    expect((await languageOf(panel)).htmlLang).toBe('zh-CN');
    await expect(panel.getByRole('button', { name: '刷新' })).toBeVisible();
    await expect(panel.getByRole('group', { name: '质量概况' })).toContainText(
      `${expected.get(`demo-moderation/${key}`)!.audits}次审核`,
    );
    await expect(panel.getByRole('heading', { name: '历史记录' })).toBeVisible();
    // Relative dates from date-fns in Chinese: "3 天前", "大约 1 个月前".
    await expect(panel.getByTestId('event').first().locator('time')).toHaveText(/前$/);
    await panel.close();
    await queue.close();

    // The badges' lookups were the first sync: the popup says when, in Chinese.
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup.getByText('当前用户')).toBeVisible();
    await expect(popup.getByTestId('popup-user')).toHaveText('Alex Moreno（审核员）');
    await expect(popup.getByTestId('popup-connection')).toContainText('已连接');
    await expect(popup.getByTestId('popup-last-sync')).toHaveText(/前$/);
    await expect(popup.getByRole('button', { name: '设置' })).toBeVisible();
    await popup.close();
  });
});

test.describe('in a browser in any other language', () => {
  test('the options page and the popup are in English', async ({ apiUrl }) => {
    const profileDir = mkdtempSync(join(tmpdir(), 'qa-lens-e2e-en-'));
    const { context, extensionId } = await launchChromium(profileDir);
    try {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      expect(await languageOf(page)).toEqual({ ui: 'en-US', htmlLang: 'en', title: 'QA Lens — settings' });
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('QA Lens settings');
      await new OptionsPage(page, extensionId!).connect(apiUrl);
      await expect(page.getByTestId('connection-status')).toContainText('(pglite, demo mode)');

      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      expect((await languageOf(popup)).htmlLang).toBe('en');
      await expect(popup.getByText('Last sync')).toBeVisible();
      await expect(popup.getByRole('button', { name: 'Settings' })).toBeVisible();
    } finally {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    }
  });
});
