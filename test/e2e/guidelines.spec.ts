import type { Page } from '@playwright/test';
import type { GuidelinePublishRequestInput, QualityEventRow } from '../../contract';
import type { DemoSeed } from '../../demo/data/types';
import { demoToken, api } from './api';
import { clickBadge, expectBadgeState, hoverBadge, readHoverCard } from './badges';
import { expect, screenshotPath, test } from './fixtures';
import { signIn, syncAdapters } from './pages';

/** The hover card's words for each kind of event and verdict (English). */
const EVENT_WORDS: Record<string, Record<string, string>> = {
  qa_audit: {
    correct: 'QA audit found it correct',
    incorrect: 'QA audit found it incorrect',
    partially_correct: 'QA audit found it partly correct',
  },
  appeal: {
    correct: 'Upheld on appeal',
    incorrect: 'Overturned on appeal',
    partially_correct: 'Partly overturned on appeal',
  },
  gold_check: {
    correct: 'Gold check passed',
    incorrect: 'Gold check failed',
    partially_correct: 'Gold check partly passed',
  },
  consensus: {
    correct: 'Consensus agreed',
    incorrect: 'Consensus disagreed',
    partially_correct: 'Consensus partly agreed',
  },
};

const PAGE_SIZE = 24;

/** An item's events from the seed, newest first (id breaks ties, as the API does). */
function eventsOf(seed: DemoSeed, itemKey: string): QualityEventRow[] {
  return seed.events
    .filter((event) => event.itemKey === itemKey)
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.id.localeCompare(a.id));
}

/** The guideline version in force at the seed's anchor for a site, from the seed itself. */
function inForce(seed: DemoSeed, site: string): GuidelinePublishRequestInput {
  const versions = seed.guidelines
    .filter((g) => g.site === site && Date.parse(g.effectiveFrom) <= Date.parse(seed.anchor))
    .sort((a, b) => Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom));
  return versions.at(-1)!;
}

/**
 * A moderation item judged partly under the older handbook, in a policy whose section changed:
 * the oracle for the hover card, the matched section and "what changed".
 */
function itemJudgedUnderOlderVersion(seed: DemoSeed) {
  const current = inForce(seed, 'demo-moderation');
  for (const [index, item] of seed.moderation.items.entries()) {
    const events = eventsOf(seed, item.id);
    const section = current.sections.find((s) => (s.policies ?? []).includes(item.policy));
    const older = events.find((e) => e.guidelineVersion && e.guidelineVersion !== current.version);
    if (!section || !older || events.length < 4) continue;
    const olderVersion = seed.guidelines.find((g) => g.version === older.guidelineVersion)!;
    const before = olderVersion.sections.find((s) => s.id === section.id);
    if (!before || before.body === section.body) continue;
    const inQueue = seed.moderation.items.slice(0, index).filter((other) => other.queue === item.queue).length;
    return { item, events, section, current, olderVersion, page: Math.floor(inQueue / PAGE_SIZE) + 1 };
  }
  throw new Error('the seed has no item judged under an older, since changed section');
}

async function openQueueWith(page: Page, demoUrl: string, target: ReturnType<typeof itemJudgedUnderOlderVersion>) {
  await page.goto(`${demoUrl}/moderation/queues/${target.item.queue}?page=${target.page}`);
  await expectBadgeState(page, target.item.id);
}

test.describe('guideline snippets and the item panel', () => {
  test.beforeAll(async ({ context, extensionId, apiUrl }) => {
    await signIn(context, extensionId, apiUrl, 'Alex Moreno');
    await syncAdapters(context, extensionId);
  });

  test('the hover card lists the newest events in words and the top clause with its version', async ({
    page,
    demoUrl,
    seed,
  }) => {
    const target = itemJudgedUnderOlderVersion(seed);
    await openQueueWith(page, demoUrl, target);
    await hoverBadge(page, target.item.id);
    const newest = target.events.slice(0, 3).map((e) => EVENT_WORDS[e.kind]![e.verdict]!);
    await expect
      .poll(async () => (await readHoverCard(page))?.lines.join('\n') ?? '', { timeout: 10_000 })
      .toContain(`${target.section.heading} · ${target.current.version}`);
    const card = (await readHoverCard(page))!;
    expect(card.events.map((line) => line.replace(/, [^,]+$/, ''))).toEqual(newest);
    for (const line of card.events) expect(line).toMatch(/, .+ ago$/);
    // The first line is the badge's glance, the same words as its label.
    expect(card.lines[0]).toMatch(/^(Low|Medium|High) risk, \d+ audits/);
    await page.screenshot({ path: screenshotPath('hover-card') });
  });

  test('the panel shows the matched section in force, and what changed since an older verdict', async ({
    context,
    page,
    demoUrl,
    seed,
  }) => {
    const target = itemJudgedUnderOlderVersion(seed);
    await openQueueWith(page, demoUrl, target);
    const [panel] = await Promise.all([context.waitForEvent('page'), clickBadge(page, target.item.id)]);
    await panel.waitForLoadState();
    await expect(panel.getByTestId('item-key')).toHaveText(target.item.id);
    const matched = panel.getByTestId('matched-sections').getByTestId('section').first();
    await expect(matched).toHaveAttribute('data-section', target.section.id);
    await expect(matched).toHaveAttribute('data-version', target.current.version);
    await expect(matched.getByRole('heading')).toHaveText(target.section.heading);

    const changed = panel.getByTestId('what-changed');
    await expect(changed).toContainText(target.olderVersion.version);
    await expect(changed.locator(`[data-section="${target.section.id}"] [data-testid="diff"]`)).toBeVisible();
    await expect(changed.locator('del, ins').first()).toBeVisible();
    await panel.screenshot({ path: screenshotPath('item-panel-guidelines'), fullPage: true });

    // Filters: only the incorrect verdicts of this item, exactly as many as the seed has.
    await expect(panel.getByTestId('event')).toHaveCount(target.events.length);
    await panel.getByLabel('Verdict', { exact: true }).selectOption('incorrect');
    await expect(panel.getByTestId('event')).toHaveCount(target.events.filter((e) => e.verdict === 'incorrect').length);
    await panel.close();
  });

  test('guideline search works with the API stopped', async ({ context, extensionId, seed }) => {
    const target = itemJudgedUnderOlderVersion(seed);
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/popup.html`);
    const apiUrl = await panel.evaluate(async () => {
      const { connection } = (await chrome.storage.local.get('connection')) as { connection: { apiUrl: string } };
      await chrome.storage.local.set({ connection: { apiUrl: 'http://127.0.0.1:9' } });
      return connection.apiUrl;
    });
    try {
      const params = new URLSearchParams({ site: 'demo-moderation', item: target.item.id });
      await panel.goto(`chrome-extension://${extensionId}/item-panel.html?${params.toString()}`);
      const word = target.section.heading.replace(/^[\d.\s]+/, '');
      await panel.getByTestId('guideline-search').fill(word);
      await expect(
        panel.getByTestId('guideline-results').locator(`[data-section="${target.section.id}"]`).first(),
      ).toHaveAttribute('data-version', target.current.version);
    } finally {
      await panel.evaluate((url) => chrome.storage.local.set({ connection: { apiUrl: url } }), apiUrl);
      await panel.close();
    }
  });

  test('a guideline body full of XSS payloads renders as text and nothing runs', async ({
    context,
    extensionId,
    apiUrl,
  }) => {
    const token = await demoToken(apiUrl, 'admin.jo');
    const body = [
      'Payloads <script>window.__xss = 1</script> <img src=x onerror="window.__xss = 2">',
      '[click me](javascript:window.__xss=3) and [data](data:text/html,<script>alert(1)</script>)',
      '<a href="javascript:window.__xss=4">raw link</a> <svg onload="window.__xss=5"></svg>',
      '[a web link](https://example.org/sop)',
    ].join('\n\n');
    const published = await api(apiUrl, token, 'POST', '/v1/guidelines/publish', {
      guidelineId: 'xss-check',
      site: 'demo-moderation',
      title: 'Hostile handbook',
      version: `xss-${Date.now()}`,
      effectiveFrom: new Date(Date.now() - 86_400_000).toISOString(),
      sections: [{ id: 'payloads', heading: 'Payload zebra section', body, keywords: ['zebra'] }],
    });
    expect(published.status).toBe(201);
    await syncAdapters(context, extensionId);

    const panel = await context.newPage();
    const dialogs: string[] = [];
    panel.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await panel.goto(`chrome-extension://${extensionId}/item-panel.html?site=demo-moderation&item=none`);
    await panel.getByTestId('guideline-search').fill('zebra');
    const section = panel.getByTestId('guideline-results').locator('[data-section="payloads"]');
    await expect(section).toBeVisible();
    await expect(section).toContainText('Payloads');
    await expect(section.locator('script, img, svg, iframe')).toHaveCount(0);
    await expect(section.locator('a[href^="javascript:"], a[href^="data:"]')).toHaveCount(0);
    const web = section.getByRole('link', { name: 'a web link' });
    await expect(web).toHaveAttribute('href', 'https://example.org/sop');
    await expect(web).toHaveAttribute('target', '_blank');
    await expect(web).toHaveAttribute('rel', 'noopener noreferrer');
    await section.getByText('click me').click();
    expect(await panel.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await panel.close();
  });
});
