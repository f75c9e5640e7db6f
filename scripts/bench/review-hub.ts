import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { launchChromium } from '../../test/support/browser';
import { signIn, syncAdapters } from '../../test/e2e/pages';

/** The Review Hub page and the browsers the overlay benchmarks open on it. */

/** Items on the prefilled Review Hub page. */
export const ITEMS = 10_000;

/** Opens the Review Hub with `items` items rendered in one go, and waits for them. */
export async function openPrefilled(page: Page, demoUrl: string, items = ITEMS): Promise<void> {
  await page.goto(`${demoUrl}/review/queues/videos?prefill=${items}`);
  await page.waitForFunction((n) => (window as unknown as { __reviewRendered?: number }).__reviewRendered === n, items);
}

/** Temporary Chromium profiles, removed together. */
export function profileFolders() {
  const dirs: string[] = [];
  return {
    make(): string {
      const dir = mkdtempSync(join(tmpdir(), 'qa-lens-bench-'));
      dirs.push(dir);
      return dir;
    },
    removeAll(): void {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Chromium with the built extension, signed in to `apiUrl` with the Review Hub adapter synced. */
export async function extensionBrowser(
  profileDir: string,
  apiUrl: string,
): Promise<{ context: BrowserContext; extensionId: string }> {
  const { context, extensionId } = await launchChromium(profileDir);
  await signIn(context, extensionId!, apiUrl, 'Alex Moreno');
  await syncAdapters(context, extensionId!);
  return { context, extensionId: extensionId! };
}
