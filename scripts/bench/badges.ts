import type { Page } from '@playwright/test';
import { readBadges } from '../../test/e2e/badges';

/**
 * Badges keep their state inside closed shadow roots, out of page script's
 * reach; the benchmarks read it through the DevTools protocol, like the tests.
 */

/** Waits until at least `count` badges show a summary. */
export async function waitForSummaries(page: Page, count: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const summaries = (await readBadges(page)).filter((badge) => badge.state === 'summary').length;
    if (summaries >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${summaries} of ${count} badges showed a summary in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The keys of the items whose badge shows a summary, in page order. */
export async function summarisedKeys(page: Page): Promise<string[]> {
  return (await readBadges(page)).filter((b) => b.state === 'summary' && b.key !== null).map((b) => b.key!);
}
