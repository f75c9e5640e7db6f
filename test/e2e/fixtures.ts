import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { generateSeed, type DemoSeed } from '../../demo/seed';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve('.output/chrome-mv3');

/** Flags that let Chromium run on a closed, headless CI machine (see ENVIRONMENT.md). */
export function chromiumArgs(extensionDir = EXTENSION_DIR): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

interface WorkerFixtures {
  apiUrl: string;
  demoUrl: string;
  seed: DemoSeed;
  /** One Chromium per worker: launching it per test would dominate the run. */
  extensionContext: BrowserContext;
  extensionId: string;
  profileDir: string;
}

/** Launches Chromium with the built extension and returns the extension's id. */
export async function launchWithExtension(
  profileDir: string,
): Promise<{ context: BrowserContext; extensionId: string }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: chromiumArgs(),
    viewport: { width: 1280, height: 900 },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId };
}

export const test = base.extend<object, WorkerFixtures>({
  profileDir: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'qa-lens-e2e-'));
      await use(dir);
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  extensionContext: [
    async ({ profileDir }, use) => {
      const { context } = await launchWithExtension(profileDir);
      await use(context);
      await context.close();
    },
    { scope: 'worker' },
  ],
  extensionId: [
    async ({ extensionContext }, use) => {
      const worker = extensionContext.serviceWorkers()[0] ?? (await extensionContext.waitForEvent('serviceworker'));
      await use(new URL(worker.url()).host);
    },
    { scope: 'worker' },
  ],
  context: async ({ extensionContext }, use) => use(extensionContext),
  page: async ({ context }, use) => {
    const page = await context.newPage();
    await use(page);
    await page.close();
  },
  // eslint-disable-next-line no-empty-pattern
  apiUrl: [async ({}, use) => use(required('QA_LENS_E2E_API')), { scope: 'worker' }],
  // eslint-disable-next-line no-empty-pattern
  demoUrl: [async ({}, use) => use(required('QA_LENS_E2E_DEMO')), { scope: 'worker' }],
  seed: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => use(generateSeed({ anchor: new Date(required('QA_LENS_E2E_ANCHOR')) })),
    { scope: 'worker' },
  ],
});

export { expect };

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the e2e global setup did not run`);
  return value;
}

/** Where screenshots go: docs/screenshots when refreshing the README's, else test-results. */
export function screenshotPath(name: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots';
  return join(dir, `${name}.png`);
}

/** The badge QA Lens drew inside one item element. */
export function badgeIn(page: Page, itemSelector: string) {
  return page.locator(`${itemSelector} qa-lens-badge button`);
}
