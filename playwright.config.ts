import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: real Chromium with the built extension loaded, against
 * the demo pages and API served on localhost by test/e2e/global-setup.ts.
 * One worker: the machine has two cores and Chromium wants both.
 */
export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  // One retry on CI: a test that passes only on retry is reported as flaky, not hidden.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: { trace: 'retain-on-failure' },
});
