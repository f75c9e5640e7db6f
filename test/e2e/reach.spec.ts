import type { FrameLocator, Page } from '@playwright/test';
import { DEMO_COMPONENTS_ADAPTER, DEMO_GRID_ADAPTER, DEMO_GRID_FIXED_ADAPTER } from '../../demo/adapters';
import { badgeLabelPattern, expectedSummaries } from '../support/expected';
import { api, demoToken, publishAdapter } from './api';
import { expectBadgeLabel, readBadges } from './badges';
import { expect, test } from './fixtures';
import { OptionsPage, signIn, syncAdapters } from './pages';

type Scope = Page | FrameLocator;

/** Every item's badge shows the summary the seed implies (items in `scope`, badges read through frames and roots). */
async function expectSeededBadges(
  page: Page,
  scope: Scope,
  itemSelector: string,
  keyAttribute: string,
  seed: Parameters<typeof expectedSummaries>[0],
) {
  const expected = expectedSummaries(seed);
  const keys = await scope
    .locator(itemSelector)
    .evaluateAll((items, attribute) => items.map((item) => item.getAttribute(attribute)!), keyAttribute);
  for (const key of keys) await expectBadgeLabel(page, key, badgeLabelPattern(expected.get(`demo-moderation/${key}`)));
  return keys;
}

/** Opens the options page in a new tab and runs an adapter in its workbench on the tab showing `urlPart`. */
async function runWorkbench(page: Page, extensionId: string, adapterId: string, urlPart: string) {
  const optionsTab = await page.context().newPage();
  await (await new OptionsPage(optionsTab, extensionId).open()).runWorkbench(adapterId, urlPart);
  return optionsTab;
}

test.describe.serial('the overlay reaches items in frames, shadow roots and clipping grids', () => {
  test.beforeAll(async ({ context, extensionId, apiUrl }) => {
    await signIn(context, extensionId, apiUrl, 'Alex Moreno');
  });

  test('a tool framed in a portal shell is badged inside its frame, one and two frames deep', async ({
    page,
    demoUrl,
    seed,
  }) => {
    await page.goto(`${demoUrl}/shell/`);
    const frame = page.frameLocator('iframe');
    await expect(frame.locator('article.mq-card')).toHaveCount(24);
    expect(await expectSeededBadges(page, frame, 'article.mq-card', 'data-item-id', seed.events)).toHaveLength(24);
    await expect(frame.locator('qa-lens-badge')).toHaveCount(24);
    // The shell itself has no items and gets no badge.
    await expect(page.locator('qa-lens-badge')).toHaveCount(0);

    await page.goto(`${demoUrl}/shell/nested`);
    const inner = page.frameLocator('iframe').frameLocator('iframe');
    await expect(inner.locator('article.mq-card qa-lens-badge')).toHaveCount(24);
    await expectSeededBadges(page, inner, 'article.mq-card', 'data-item-id', seed.events);
  });

  test('rows two open shadow roots deep are badged, and the workbench shows the path it took', async ({
    context,
    extensionId,
    page,
    apiUrl,
    demoUrl,
    seed,
  }) => {
    await publishAdapter(apiUrl, DEMO_COMPONENTS_ADAPTER);
    await syncAdapters(context, extensionId);
    await page.goto(`${demoUrl}/components/queues/videos`);
    // Playwright's CSS pierces open shadow roots, as QA Lens does along the adapter's path.
    await expect(page.locator('div.row[data-case-id]')).toHaveCount(50);
    expect(await expectSeededBadges(page, page, 'div.row', 'data-case-id', seed.events)).toHaveLength(50);

    const optionsTab = await runWorkbench(page, extensionId, 'demo-components', '/components/queues/videos');
    await expect(optionsTab.getByTestId('workbench-result')).toContainText('50 items found');
    await expect(optionsTab.getByTestId('workbench-path')).toContainText(
      'review-queue: 1 host, 1 with an open shadow root',
    );
    await expect(optionsTab.getByTestId('workbench-path')).toContainText('review-list: 1 host, 1 with an open');
    await optionsTab.close();

    // A closed shadow root stays closed: nothing is found, and the workbench says why.
    await page.goto(`${demoUrl}/components/closed`);
    const closedTab = await runWorkbench(page, extensionId, 'demo-components', '/components/closed');
    await expect(closedTab.getByTestId('workbench-result')).toContainText('0 items found');
    await expect(closedTab.getByTestId('workbench-path')).toContainText('closed shadow roots cannot be entered');
    await closedTab.close();
  });

  test('a grid whose cells clip badges: health and the workbench say so and suggest a placement that shows', async ({
    context,
    extensionId,
    page,
    apiUrl,
    demoUrl,
  }) => {
    await publishAdapter(apiUrl, DEMO_GRID_ADAPTER);
    await syncAdapters(context, extensionId);
    await page.goto(`${demoUrl}/grid/queues/videos`);
    const rows = page.locator('.ag-center-cols-container > .ag-row[row-id]');
    await expect(rows.first()).toBeVisible();
    // Drawn, with the right answer, and yet nobody can see it.
    const firstKey = (await rows.first().getAttribute('row-id'))!;
    await expectBadgeLabel(page, firstKey, /^QA Lens: /);
    await expect(rows.first().locator('qa-lens-badge')).not.toBeInViewport({ ratio: 1 });

    const pageUrl = `${new URL(demoUrl).origin}/grid/queues/videos`;
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?page=${encodeURIComponent(pageUrl)}`);
    await expect(popup.locator('[data-adapter-id="demo-grid"]')).toContainText(
      /badges checked cannot be seen \(\d+ clipped/,
      {
        timeout: 20_000,
      },
    );
    await expect(popup.locator('[data-adapter-id="demo-grid"]')).toHaveClass(/error/);
    await popup.close();

    const analyst = await demoToken(apiUrl, 'analyst.riley');
    await expect
      .poll(async () => {
        const { body } = await api(apiUrl, analyst, 'GET', '/v1/adapters/health?hours=1');
        const grid = (
          body.adapters as { adapterId: string; lastBroken: { badgesHidden: { clipped: number } } | null }[]
        ).find((a) => a.adapterId === 'demo-grid');
        return grid?.lastBroken?.badgesHidden.clipped ?? 0;
      })
      .toBeGreaterThan(0);

    const optionsTab = await runWorkbench(page, extensionId, 'demo-grid', '/grid/queues/videos');
    await expect(optionsTab.getByTestId('workbench-badge').first()).toHaveText('hidden: clipped by its container');
    await expect(optionsTab.getByTestId('workbench-suggestion')).toContainText('"position":"prepend"');
    await optionsTab.close();

    // The admin publishes the suggested placement: the badges show, and health is clean again.
    await publishAdapter(apiUrl, DEMO_GRID_FIXED_ADAPTER);
    await syncAdapters(context, extensionId);
    await page.reload();
    await expectBadgeLabel(page, firstKey, /^QA Lens: /);
    await expect(rows.first().locator('qa-lens-badge')).toBeInViewport({ ratio: 1 });
    const fixedPopup = await context.newPage();
    await expect
      .poll(
        async () => {
          await fixedPopup.goto(`chrome-extension://${extensionId}/popup.html?page=${encodeURIComponent(pageUrl)}`);
          return fixedPopup.locator('[data-adapter-id="demo-grid"]').textContent();
        },
        { timeout: 20_000 },
      )
      .toMatch(/v2: .*all fields found/);
    await fixedPopup.close();
  });

  test('page script reads nothing from a badge: no open root, no attributes, no text', async ({ page, demoUrl }) => {
    await page.goto(`${demoUrl}/moderation/queues/videos`);
    await expect.poll(async () => (await readBadges(page)).filter((b) => b.state === 'summary').length).toBe(24);
    // What the pages' own scripts (hostile user content included) can learn from the badges.
    const seen = await page.evaluate(() =>
      [...document.querySelectorAll('qa-lens-badge')].map((host) => ({
        shadowRoot: host.shadowRoot !== null,
        attributes: [...host.attributes].map((a) => a.name),
        text: host.textContent,
        children: host.childElementCount,
      })),
    );
    expect(seen).toHaveLength(24);
    expect(seen.every((b) => !b.shadowRoot && b.attributes.length === 0 && b.text === '' && b.children === 0)).toBe(
      true,
    );
    // The labels are there for people and assistive technology all the same.
    expect((await readBadges(page)).every((b) => /^QA Lens: /.test(b.label ?? ''))).toBe(true);
  });
});
