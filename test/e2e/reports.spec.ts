import type { BrowserContext, Page } from '@playwright/test';
import { v7 } from 'uuid';
import type { GapReportRecord } from '../../contract';
import { clickToolbarButton } from '../support/browser';
import { expectedSummaries } from '../support/expected';
import { api, demoToken } from './api';
import {
  clickBadge,
  clickHoverCardButton,
  clickSelectionButton,
  expectBadgeState,
  hoverBadge,
  readHoverCard,
} from './badges';
import { expect, test } from './fixtures';
import { signIn, syncAdapters } from './pages';

/** The reporter's reports as the API holds them (their own pull). */
async function serverReports(apiUrl: string, token: string): Promise<GapReportRecord[]> {
  const { body } = await api(apiUrl, token, 'GET', '/v1/sync/gap-reports?limit=200');
  return (body as { reports: GapReportRecord[] }).reports;
}

/** Waits until the API holds the reporter's report whose note is `note`, and returns it. */
async function arrived(apiUrl: string, token: string, note: string): Promise<GapReportRecord> {
  let found: GapReportRecord | undefined;
  await expect
    .poll(async () => (found = (await serverReports(apiUrl, token)).find((r) => r.note === note)) !== undefined, {
      timeout: 20_000,
      message: `report "${note}" on the server`,
    })
    .toBe(true);
  return found!;
}

/** Fills and sends the report form that `opening` opens; returns the note written. */
async function fileReport(
  context: BrowserContext,
  opening: Promise<unknown>,
  note: string,
  remove: string[] = [],
  { dropScreenshot = false } = {},
) {
  const [form] = await Promise.all([context.waitForEvent('page', (p) => p.url().includes('/report.html')), opening]);
  await form.waitForLoadState();
  await expect(form.getByRole('heading', { name: 'Report an SOP gap' })).toBeVisible();
  for (const part of remove) await form.getByRole('button', { name: `Remove ${part} from the report` }).click();
  if (dropScreenshot) await form.getByRole('button', { name: 'Remove the screenshot' }).click();
  await form.getByLabel('What is wrong with the SOP').selectOption('conflicting');
  await form.getByLabel('Severity').selectOption('high');
  await form.getByLabel('What happened, and what the SOP should say').fill(note);
  await form.getByRole('button', { name: 'Save and send' }).click();
  await expect(form.getByTestId('report-sent')).toBeVisible();
  await form.close();
}

async function openPanel(context: BrowserContext, page: Page, id: string): Promise<Page> {
  const [panel] = await Promise.all([context.waitForEvent('page'), clickBadge(page, id)]);
  await panel.waitForLoadState();
  await expect(panel.getByTestId('item-key')).toHaveText(id);
  return panel;
}

test.describe('SOP gap reports', () => {
  test.beforeAll(async ({ context, extensionId, apiUrl }) => {
    await signIn(context, extensionId, apiUrl, 'Alex Moreno');
    // Guidelines arrive with a sync: the section entry point needs them.
    await syncAdapters(context, extensionId);
  });

  test('filed from the panel, a guideline section and the hover card, each arrives once with its context', async ({
    context,
    page,
    apiUrl,
    demoUrl,
    seed,
  }) => {
    const token = await demoToken(apiUrl, 'mod.alex');
    await page.goto(`${demoUrl}/moderation/queues/videos?page=3`);
    // An audited item: its policy (from its history) picks the guideline section.
    const ids = await page
      .locator('article.mq-card')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-item-id')!));
    const audited = expectedSummaries(seed.events);
    const id = ids.find((key) => (audited.get(`demo-moderation/${key}`)?.audits ?? 0) > 0)!;
    await expectBadgeState(page, id);
    const run = v7();

    // 1. The panel's button: the item, its fields and the page, minus what the reporter removed.
    const panel = await openPanel(context, page, id);
    await fileReport(context, panel.getByTestId('report-item').click(), `panel ${run}`, ['Item fields']);
    const fromPanel = await arrived(apiUrl, token, `panel ${run}`);
    expect(fromPanel).toMatchObject({ type: 'conflicting', severity: 'high', status: 'new' });
    expect(fromPanel.context).toMatchObject({ site: 'demo-moderation', itemKey: id });
    expect(fromPanel.context.pageUrl).toContain('/moderation/queues/videos?page=3');
    expect(fromPanel.context.fields ?? null).toBeNull();

    // 2. A guideline section in the panel: that section and its version come along.
    const section = panel.getByTestId('matched-sections').getByTestId('section').first();
    const sectionId = (await section.getAttribute('data-section'))!;
    const version = (await section.getAttribute('data-version'))!;
    await fileReport(context, section.getByTestId('report-section').click(), `section ${run}`);
    const fromSection = await arrived(apiUrl, token, `section ${run}`);
    expect(fromSection.context.guideline).toMatchObject({ sectionId, version });
    expect(fromSection.context.fields?.title).toBeTruthy();
    await panel.close();

    // 3. The hover card's button, with the clause the card showed.
    await hoverBadge(page, id);
    await expect.poll(async () => (await readHoverCard(page))?.lines.join(' ') ?? '').toMatch(/ · mod-2026\.\d/);
    await fileReport(context, clickHoverCardButton(page), `card ${run}`);
    const fromCard = await arrived(apiUrl, token, `card ${run}`);
    expect(fromCard.context).toMatchObject({ site: 'demo-moderation', itemKey: id, pageTitle: await page.title() });
    expect(fromCard.context.guideline?.version).toMatch(/^mod-2026\.\d$/);

    // Each exactly once.
    const mine = (await serverReports(apiUrl, token)).filter((r) => r.note.endsWith(run));
    expect(mine.map((r) => r.note).sort()).toEqual([`card ${run}`, `panel ${run}`, `section ${run}`]);
  });

  test('filed from a selection (floating button, context menu) and by the shortcut; a redacted screenshot arrives redacted', async ({
    context,
    extensionId,
    page,
    apiUrl,
    demoUrl,
  }) => {
    const token = await demoToken(apiUrl, 'mod.alex');
    await page.goto(`${demoUrl}/moderation/queues/videos?page=2`);
    const cards = page.locator('article.mq-card');
    const [first, second] = [cards.nth(0), cards.nth(1)];
    const [firstId, secondId] = await Promise.all([first, second].map((c) => c.getAttribute('data-item-id')));
    await expectBadgeState(page, firstId!);
    const run = v7();

    // 1. The floating button: select an item's title as a person does (three clicks), press the button.
    const title = first.locator('.mq-card__title').first();
    await title.click({ clickCount: 3 });
    const selected = await page.evaluate(() => document.getSelection()!.toString().trim());
    expect(selected.length).toBeGreaterThan(3);
    await fileReport(context, clickSelectionButton(page), `selection ${run}`);
    const fromButton = await arrived(apiUrl, token, `selection ${run}`);
    expect(fromButton.context).toMatchObject({ selection: selected, site: 'demo-moderation', itemKey: firstId });

    // Chrome's own menus and shortcut keys are outside what the DevTools protocol can press. The
    // browser's events are fired instead, with the real tab, into the listeners the extension registered.
    const worker = context.serviceWorkers()[0]!;
    const commands = await worker.evaluate(() => chrome.commands.getAll());
    // Its key (Alt+Shift+R suggested) is the user's to set: an extension loaded from the command line gets none.
    expect(commands.find((c) => c.name === 'report-gap')).toMatchObject({
      description: 'Report an SOP gap about this page',
    });
    const fire = (kind: 'menu' | 'shortcut', selectionText?: string) =>
      worker.evaluate(
        async ({ kind, url, selectionText }) => {
          const [tab] = await chrome.tabs.query({ url });
          if (kind === 'shortcut') {
            (chrome.commands.onCommand as unknown as { dispatch(c: string, t: unknown): void }).dispatch(
              'report-gap',
              tab,
            );
          } else {
            const info = { menuItemId: 'qa-lens-report-gap', selectionText, editable: false, pageUrl: tab!.url };
            (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(
              info,
              tab,
            );
          }
        },
        { kind, url: page.url().split('?')[0] + '*', selectionText },
      );

    // 2. The context menu on a selection in the second item: a screenshot comes along, redacted first.
    // Right-clicking grants the extension this tab (activeTab); pressing its toolbar button does the same.
    await page.bringToFront();
    await clickToolbarButton(context, extensionId, page);
    await page.bringToFront();
    await second.locator('.mq-card__title').first().click({ clickCount: 3 });
    const secondText = await page.evaluate(() => document.getSelection()!.toString().trim());
    const [form] = await Promise.all([
      context.waitForEvent('page', (p) => p.url().includes('/report.html')),
      fire('menu', secondText),
    ]);
    await form.waitForLoadState();
    const canvas = form.getByTestId('screenshot-canvas');
    await expect(canvas).toBeVisible();
    const box = (await canvas.boundingBox())!;
    // Black out the canvas's top-left quarter (in fractions, as the saved image may be scaled).
    const redacted = { left: 0.05, top: 0.05, right: 0.45, bottom: 0.45 };
    await form.mouse.move(box.x + box.width * redacted.left, box.y + box.height * redacted.top);
    await form.mouse.down();
    await form.mouse.move(box.x + box.width * redacted.right, box.y + box.height * redacted.bottom, { steps: 8 });
    await form.mouse.up();
    await expect(form.getByRole('button', { name: /^Box 1 at / })).toBeVisible();
    await form.getByLabel('What is wrong with the SOP').selectOption('missing');
    await form.getByLabel('Severity').selectOption('low');
    await form.getByLabel('What happened, and what the SOP should say').fill(`menu ${run}`);
    await form.getByRole('button', { name: 'Save and send' }).click();
    await expect(form.getByTestId('report-sent')).toBeVisible();
    await form.close();
    const fromMenu = await arrived(apiUrl, token, `menu ${run}`);
    expect(fromMenu.context).toMatchObject({ selection: secondText, site: 'demo-moderation', itemKey: secondId });

    // The stored image: black where the box was, the page's own light pixels elsewhere.
    const shot = await fetch(`${apiUrl}/v1/gap-reports/${fromMenu.id}/screenshot`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(shot.status).toBe(200);
    const bytes = Buffer.from(await shot.arrayBuffer()).toString('base64');
    const pixels = await page.evaluate(
      async ({ bytes, redacted }) => {
        const image = await createImageBitmap(new Blob([Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0))]));
        const canvas = new OffscreenCanvas(image.width, image.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        const { data } = context.getImageData(0, 0, image.width, image.height);
        let inside = 0;
        let insideDark = 0;
        let outsideLight = 0;
        let outside = 0;
        // Every pixel, with a margin inside the box's edges (JPEG blurs a few pixels across them).
        for (let y = 0; y < image.height; y += 2) {
          for (let x = 0; x < image.width; x += 2) {
            const i = (y * image.width + x) * 4;
            const light = data[i]! + data[i + 1]! + data[i + 2]!;
            const fx = x / image.width;
            const fy = y / image.height;
            const margin = 0.02;
            if (
              fx > redacted.left + margin &&
              fx < redacted.right - margin &&
              fy > redacted.top + margin &&
              fy < redacted.bottom - margin
            ) {
              inside += 1;
              if (light <= 3 * 12) insideDark += 1;
            } else if (fx > redacted.right + margin || fy > redacted.bottom + margin) {
              outside += 1;
              if (light > 3 * 200) outsideLight += 1;
            }
          }
        }
        return { insideDark: insideDark / inside, outsideLight: outsideLight / outside, width: image.width };
      },
      { bytes, redacted },
    );
    expect(pixels.width).toBeGreaterThan(100);
    expect(pixels.insideDark).toBe(1);
    expect(pixels.outsideLight).toBeGreaterThan(0.3);

    // 3. The shortcut with nothing selected: about the item last pointed at, without its screenshot.
    await page.bringToFront();
    await page.evaluate(() => document.getSelection()!.removeAllRanges());
    await hoverBadge(page, firstId!);
    await fileReport(context, fire('shortcut'), `shortcut ${run}`, [], { dropScreenshot: true });
    const fromShortcut = await arrived(apiUrl, token, `shortcut ${run}`);
    expect(fromShortcut.context).toMatchObject({ site: 'demo-moderation', itemKey: firstId, selection: null });
    const noShot = await fetch(`${apiUrl}/v1/gap-reports/${fromShortcut.id}/screenshot`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(noShot.status).toBe(404);
  });

  test("an analyst's status change and comment reach the reporter's panel and raise a notification", async ({
    context,
    page,
    apiUrl,
    demoUrl,
  }) => {
    const token = await demoToken(apiUrl, 'mod.alex');
    await page.goto(`${demoUrl}/moderation/queues/posts`);
    const id = (await page.locator('article.mq-card').first().getAttribute('data-item-id'))!;
    await expectBadgeState(page, id);
    const note = `triage ${v7()}`;
    const panel = await openPanel(context, page, id);
    await fileReport(context, panel.getByTestId('report-item').click(), note);
    const report = await arrived(apiUrl, token, note);

    const analyst = await demoToken(apiUrl, 'analyst.riley');
    expect((await api(apiUrl, analyst, 'PATCH', `/v1/gap-reports/${report.id}`, { status: 'triaged' })).status).toBe(
      200,
    );
    const comment = 'Thanks — the hate-speech section will say this explicitly.';
    expect(
      (await api(apiUrl, analyst, 'POST', `/v1/gap-reports/${report.id}/comments`, { id: v7(), body: comment })).status,
    ).toBe(201);

    // The extension pulls on its schedule; ask now, as the popup's or a write's trigger would.
    await panel.evaluate(() => chrome.runtime.sendMessage({ qaLens: 1, type: 'syncReports', data: {} }));
    const mine = panel.locator(`[data-report-id="${report.id}"]`);
    await expect(mine).toContainText('Triaged');
    await expect(mine.getByTestId('report-comment')).toContainText(comment);
    await expect(mine.getByTestId('report-comment')).toContainText('Riley Chen');
    const notifications = await panel.evaluate(() => chrome.notifications.getAll());
    expect(Object.keys(notifications).some((key) => key.startsWith(`qa-lens-report-${report.id}-`))).toBe(true);
    await panel.close();
  });
});
