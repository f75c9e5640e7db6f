import { resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The built extension; QA_LENS_EXTENSION_DIR points at a copy (a long chaos run while the tree is rebuilt). */
export const EXTENSION_DIR = resolve(process.env.QA_LENS_EXTENSION_DIR ?? '.output/chrome-mv3');

/** Flags that let Chromium run on a closed, headless CI machine (see ENVIRONMENT.md). */
export function chromiumArgs(extensionDir: string | null = EXTENSION_DIR): string[] {
  return [
    ...(extensionDir
      ? [
          `--disable-extensions-except=${extensionDir}`,
          `--load-extension=${extensionDir}`,
          // Lets a test press the toolbar button (CDP Extensions.triggerAction; see clickToolbarButton).
          '--enable-unsafe-extension-debugging',
        ]
      : []),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

/**
 * Launches Chromium on a profile folder, with the built extension unless `extensionDir` is null.
 * `uiLanguage` (e.g. "zh-CN") runs it as a browser in that language: `--lang` picks the extension's
 * messages, and Playwright's `locale` makes `getUILanguage()` and `navigator.language` agree, which
 * `--lang` alone does not do on a Chromium without that language's pack (Debian's, measured).
 */
export async function launchChromium(
  profileDir: string,
  extensionDir: string | null = EXTENSION_DIR,
  uiLanguage?: string,
): Promise<{ context: BrowserContext; extensionId: string | null }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...chromiumArgs(extensionDir), ...(uiLanguage ? [`--lang=${uiLanguage}`] : [])],
    ...(uiLanguage ? { locale: uiLanguage } : {}),
    viewport: { width: 1280, height: 900 },
  });
  if (!extensionDir) return { context, extensionId: null };
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(worker.url()).host;
  // A fresh install opens the settings page (onboarding). Wait for it and close it: a test that opens
  // the options page meanwhile would be re-targeted by Chrome's openOptionsPage mid-navigation.
  const isOptions = (url: string) => url === `chrome-extension://${extensionId}/options.html`;
  const deadline = Date.now() + 20_000;
  let onboarding = context.pages().find((page) => isOptions(page.url()));
  while (!onboarding) {
    if (Date.now() > deadline) throw new Error('QA Lens did not open its settings page on first install');
    await new Promise((resolve) => setTimeout(resolve, 100));
    onboarding = context.pages().find((page) => isOptions(page.url()));
  }
  // Let it load first: closed mid-load, it leaves the extension's process with no messages, and
  // chrome.i18n.getMessage answers "" on every page and in the worker until Chromium restarts
  // (5 launches in 8 here, on Debian's Chromium 156; none in 8 when it had loaded).
  await onboarding.waitForLoadState();
  await onboarding.close();
  return { context, extensionId };
}

/**
 * Presses the extension's toolbar button for `page`'s tab, as a person does: Chrome opens the
 * popup and grants the extension `activeTab` on that tab, which a screenshot of it needs. Chrome's
 * own menus and keys are out of the DevTools protocol's reach; its toolbar button is not.
 */
export async function clickToolbarButton(context: BrowserContext, extensionId: string, page: Page): Promise<void> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser to press the toolbar button in');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] })) as {
      targetInfos: { type: string; url: string; targetId: string }[];
    };
    const tab = targetInfos.find((t) => t.type === 'tab' && t.url === page.url());
    if (!tab) throw new Error(`no tab target for ${page.url()}`);
    // Not in Playwright's protocol types yet.
    await (cdp as unknown as { send(method: string, params: object): Promise<unknown> }).send(
      'Extensions.triggerAction',
      { id: extensionId, targetId: tab.targetId },
    );
  } finally {
    await cdp.detach();
  }
}
