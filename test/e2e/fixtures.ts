import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type BrowserContext } from '@playwright/test';
import { generateSeed, type DemoSeed } from '../../demo/seed';
import { launchChromium } from '../support/browser';

export { EXTENSION_DIR } from '../support/browser';

interface WorkerFixtures {
  apiUrl: string;
  demoUrl: string;
  seed: DemoSeed;
  /** One Chromium per worker: launching it per test would dominate the run. */
  extensionContext: BrowserContext;
  extensionId: string;
  profileDir: string;
  /** The browser's UI language, e.g. `test.use({ uiLanguage: 'zh-CN' })`; unset, Chromium's default (en-US). */
  uiLanguage: string | undefined;
}

export const test = base.extend<object, WorkerFixtures>({
  uiLanguage: [undefined, { scope: 'worker', option: true }],
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
    async ({ profileDir, uiLanguage }, use) => {
      const { context } = await launchChromium(profileDir, undefined, uiLanguage);
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
