import { readBadges } from './badges';
import { expect, screenshotPath, test } from './fixtures';
import { OptionsPage } from './pages';

test.beforeEach(async ({ context, extensionId, apiUrl }) => {
  // Tests share one browser profile: start each from a signed-out extension.
  const tab = await context.newPage();
  const options = await new OptionsPage(tab, extensionId).open();
  await options.connect(apiUrl);
  await options.signOut();
  await tab.close();
});

test('before sign-in badges ask to sign in; after signing in as a demo user they show history', async ({
  context,
  extensionId,
  page,
  apiUrl,
  demoUrl,
}) => {
  await page.goto(`${demoUrl}/moderation/queues/videos`);
  const first = async () => (await readBadges(page))[0]?.label;
  await expect.poll(first).toMatch(/sign in/);

  const optionsTab = await context.newPage();
  const options = await new OptionsPage(optionsTab, extensionId).open();
  await options.connect(apiUrl);
  await expect(optionsTab.getByTestId('connection-status')).toContainText('demo mode');
  await options.signInAsDemoUser('Alex Moreno');
  await optionsTab.screenshot({ path: screenshotPath('options') });
  // The token is not in extension storage, which Firefox content scripts can always read.
  const stored = await optionsTab.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null)));
  expect(stored).toContain('Alex Moreno');
  expect(stored).not.toMatch(/qal_/);

  // No reload: the open queue picks up the sign-in by itself.
  await expect.poll(first).toMatch(/^QA Lens: ([^,]+, \d+ audits?|No audits yet)/);
  await optionsTab.close();
});

test('a pasted token that the API does not know is refused with its message', async ({
  context,
  extensionId,
  apiUrl,
}) => {
  const tab = await context.newPage();
  const options = await new OptionsPage(tab, extensionId).open();
  await options.connect(apiUrl);
  await tab.getByLabel('API token').fill('qal_not-a-real-token');
  await tab.getByRole('button', { name: 'Sign in with token' }).click();
  await expect(tab.getByRole('alert')).toContainText(/token/i);
  await expect(tab.getByText('Not signed in.')).toBeVisible();
  await tab.close();
});
