import type { BrowserContext, Page } from '@playwright/test';
import { v7 } from 'uuid';
import type { GapReportRecord } from '../../contract';
import { expectedSummaries } from '../support/expected';
import { api, demoToken } from './api';
import { clickBadge, clickHoverCardButton, expectBadgeState, hoverBadge, readHoverCard } from './badges';
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
async function fileReport(context: BrowserContext, opening: Promise<unknown>, note: string, remove: string[] = []) {
  const [form] = await Promise.all([context.waitForEvent('page', (p) => p.url().includes('/report.html')), opening]);
  await form.waitForLoadState();
  await expect(form.getByRole('heading', { name: 'Report an SOP gap' })).toBeVisible();
  for (const part of remove) await form.getByRole('button', { name: `Remove ${part} from the report` }).click();
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
