import { expectBadgeCount, readBadges } from './badges';
import { expect, test } from './fixtures';
import { signIn } from './pages';

const labels = async (page: import('@playwright/test').Page) => (await readBadges(page)).map((b) => b.label);

test('after a service-worker restart with the API unreachable, badges come from IndexedDB', async ({
  context,
  extensionId,
  page,
  apiUrl,
  demoUrl,
}) => {
  await signIn(context, extensionId, apiUrl, 'Alex Moreno');
  await page.goto(`${demoUrl}/moderation/queues/posts`);
  await expectBadgeCount(page, 24, 'summary');
  const before = await labels(page);

  // Point the extension at a dead API, then stop its service worker as Chrome does after 30 s idle.
  const extensionPage = await context.newPage();
  await extensionPage.goto(`chrome-extension://${extensionId}/popup.html`);
  await extensionPage.evaluate(() => chrome.storage.local.set({ connection: { apiUrl: 'http://127.0.0.1:9' } }));
  const cdp = await context.newCDPSession(extensionPage);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');

  try {
    await page.reload();
    await expectBadgeCount(page, 24, 'summary');
    expect(await labels(page)).toEqual(before);

    // Items never fetched say why they have no history rather than spinning.
    await page.goto(`${demoUrl}/moderation/queues/posts?page=5`);
    await expect
      .poll(async () => (await readBadges(page))[0]?.label)
      .toMatch(/Cannot reach the QA Lens API at http:\/\/127\.0\.0\.1:9/);
  } finally {
    await extensionPage.evaluate((url) => chrome.storage.local.set({ connection: { apiUrl: url } }), apiUrl);
    await extensionPage.close();
  }
});
