import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expectedSummaries } from '../support/expected';
import { clickBadge, expectBadgeState, focusBadge, hoverCardMarkup, hoverCardShown, readHoverCard } from './badges';
import { expect, test } from './fixtures';
import { OptionsPage } from './pages';
import { api, demoToken } from './api';
import { v7 } from 'uuid';

// axe-core on every extension page, in the states people see them: 0 serious or critical
// violations (WCAG 2.1 A and AA, and axe's best practices).

/** The serious and critical violations axe finds on the page, each with the elements at fault. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('accessibility', () => {
  test.beforeEach(async ({ context, extensionId, apiUrl }) => {
    // Tests share one browser profile: start each from a connected, signed-out extension.
    const tab = await context.newPage();
    const options = await new OptionsPage(tab, extensionId).open();
    await options.connect(apiUrl);
    await options.signOut();
    await tab.close();
  });

  test('the options page, signed out and signed in', async ({ page, extensionId, apiUrl }) => {
    const options = await new OptionsPage(page, extensionId).open();
    await options.connect(apiUrl);
    await expect(page.getByText('Not signed in.')).toBeVisible();
    await expect(page.getByRole('button', { name: /^Sign in as / }).first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await options.signInAsDemoUser('Alex Moreno');
    await expect(page.getByTestId('token-expiry')).toBeVisible();
    await expect(page.getByRole('table').getByRole('row')).not.toHaveCount(1); // adapters listed
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the popup, signed in, and its settings button works from the keyboard', async ({
    context,
    page,
    extensionId,
    apiUrl,
  }) => {
    const options = await new OptionsPage(await context.newPage(), extensionId).open();
    await options.connect(apiUrl);
    await options.signInAsDemoUser('Alex Moreno');
    await options.page.close();

    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(page.getByTestId('popup-connection')).toContainText('connected');
    expect(await seriousViolations(page)).toEqual([]);

    // Tab from the top of the page lands on the one control, and Enter opens the settings.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();
    const [settings] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await expect(settings).toHaveURL(`chrome-extension://${extensionId}/options.html`);
    await settings.close();
  });

  test('the item panel opened from a badge, reachable from the keyboard', async ({
    context,
    page,
    extensionId,
    apiUrl,
    demoUrl,
    seed,
  }) => {
    const options = await new OptionsPage(await context.newPage(), extensionId).open();
    await options.connect(apiUrl);
    await options.signInAsDemoUser('Alex Moreno');
    await options.page.close();

    await page.goto(`${demoUrl}/moderation/queues/videos`);
    // An item with a history, so the panel shows its timeline too.
    const expected = expectedSummaries(seed.events);
    const ids = await page
      .locator('article.mq-card')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-item-id')!));
    const key = ids.find((id) => (expected.get(`demo-moderation/${id}`)?.audits ?? 0) > 0)!;
    await expectBadgeState(page, key);
    const [panel] = await Promise.all([context.waitForEvent('page'), clickBadge(page, key)]);
    await panel.waitForLoadState();
    await expect(panel.getByTestId('item-key')).toHaveText(key);
    await expect(panel.getByTestId('event').first()).toBeVisible();
    expect(await seriousViolations(panel)).toEqual([]);

    // The first Tab reaches the panel's first control.
    await panel.keyboard.press('Tab');
    await expect(panel.getByRole('button', { name: 'Refresh' })).toBeFocused();
    await panel.close();
  });

  test('the item panel without an item says what to do', async ({ page, extensionId }) => {
    await page.goto(`chrome-extension://${extensionId}/item-panel.html`);
    await expect(page.getByText('This panel needs an item')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the hover card, opened by keyboard focus on a badge', async ({
    context,
    page,
    extensionId,
    apiUrl,
    demoUrl,
  }) => {
    const options = await new OptionsPage(await context.newPage(), extensionId).open();
    await options.connect(apiUrl);
    await options.signInAsDemoUser('Alex Moreno');
    await options.page.close();

    await page.goto(`${demoUrl}/moderation/queues/videos`);
    const id = (await page.locator('article.mq-card').first().getAttribute('data-item-id'))!;
    await expectBadgeState(page, id);
    await focusBadge(page, id);
    await expect.poll(async () => (await readHoverCard(page))?.lines.join(' ') ?? '').toMatch(/ · mod-2026\.\d/);
    // The card lives in a closed shadow root axe cannot enter: check its markup and styles as drawn.
    const markup = (await hoverCardMarkup(page))!;
    // Escape closes it, as a tooltip should.
    expect(await hoverCardShown(page)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => hoverCardShown(page)).toBe(false);
    const sheet = await context.newPage();
    await sheet.setContent(
      `<!doctype html><html lang="en"><head><title>Hover card</title></head><body><main>${markup}</main></body></html>`,
    );
    expect(await seriousViolations(sheet)).toEqual([]);
    await sheet.close();
  });

  test('the triage inbox, with a report open beside the list', async ({ page, extensionId, apiUrl }) => {
    const options = await new OptionsPage(page, extensionId).open();
    await options.connect(apiUrl);
    await options.signInAsDemoUser('Riley Chen');
    // A report to show, pushed as a moderator straight through the API.
    const token = await demoToken(apiUrl, 'mod.alex');
    const id = v7();
    const note = 'a11y: the spam section does not say what to do with affiliate links';
    const pushed = await api(apiUrl, token, 'POST', '/v1/sync/push', {
      reports: [{ id, type: 'unclear', severity: 'low', note, context: {}, createdAt: new Date().toISOString() }],
    });
    expect(pushed.status).toBe(200);
    await page.goto(`chrome-extension://${extensionId}/inbox.html?q=affiliate&report=${id}`);
    await expect(page.getByTestId('detail-note')).toHaveText(note);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the surveys page: the list, the form with its problems marked, and the results of a survey with charts', async ({
    page,
    extensionId,
    apiUrl,
  }) => {
    // A survey with answers, so the results view draws its charts and tables.
    const analyst = await demoToken(apiUrl, 'analyst.riley');
    const now = Date.now();
    const created = await api(apiUrl, analyst, 'POST', '/v1/surveys', {
      question: 'Was the section clear? (a11y)',
      kind: 'scale',
      scale: { min: 1, max: 5, minLabel: 'Not at all', maxLabel: 'Fully' },
      window: { startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString() },
      responseCap: 10,
      status: 'active',
    });
    expect(created.status).toBe(201);
    const surveyId = (created.body.survey as { id: string }).id;
    const answered = await api(apiUrl, await demoToken(apiUrl, 'mod.alex'), 'POST', '/v1/sync/survey-responses', {
      responses: [
        {
          id: v7(),
          surveyId,
          answer: 4,
          context: { site: 'demo-moderation', itemKey: 'a11y-1', queue: 'videos' },
          answeredAt: new Date().toISOString(),
        },
      ],
    });
    expect(answered.status).toBe(200);

    const options = await new OptionsPage(await page.context().newPage(), extensionId).open();
    await options.connect(apiUrl);
    await options.signInAsDemoUser('Riley Chen');
    await options.page.close();

    await page.goto(`chrome-extension://${extensionId}/surveys.html`);
    await expect(page.getByTestId('survey-row').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // The form from the keyboard: Enter in a field submits it; the problems are marked and announced.
    await page.goto(`chrome-extension://${extensionId}/surveys.html?new`);
    await page.getByLabel('Scale').check();
    await page.getByLabel('Response cap').fill('');
    await page.getByLabel('Response cap').press('Enter');
    await expect(page.getByTestId('form-problems')).toBeVisible();
    await expect(page.getByLabel('Question')).toBeFocused();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`chrome-extension://${extensionId}/surveys.html?survey=${surveyId}&groupBy=queue`);
    await expect(page.getByTestId('results-groups')).toBeVisible();
    await expect(page.getByTestId('results-mean')).toHaveText('Mean: 4');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the dashboards: a metric’s charts and tables, the section ranking and a drill-down, reached by keyboard', async ({
    page,
    extensionId,
    apiUrl,
    seed,
  }) => {
    const options = await new OptionsPage(await page.context().newPage(), extensionId).open();
    await options.connect(apiUrl);
    await options.signInAsDemoUser('Riley Chen');
    await options.page.close();
    const to = seed.anchor.slice(0, 10);
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - 59 * 86_400_000).toISOString().slice(0, 10);
    const dashboard = `chrome-extension://${extensionId}/dashboard.html`;

    await page.goto(`${dashboard}?view=metric&metric=accuracy&groupBy=queue&from=${from}&to=${to}&tz=UTC`);
    await expect(page.getByTestId('flagged-day').first()).toBeVisible();
    // A series' table opens from the keyboard, and its drill-down links are reached by Tab.
    const summary = page.getByTestId('series').first().locator('summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('series').first().locator('table')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // The first flagged day's link, followed with Enter: the drill-down's heading takes the focus.
    await page.getByTestId('flagged-day').first().getByRole('link').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('drill-event').first()).toBeVisible();
    await expect(page.getByRole('heading', { level: 2 })).toBeFocused();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${dashboard}?view=sections&from=${from}&to=${to}&tz=UTC`);
    await expect(page.getByTestId('section-signal').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${dashboard}?view=metric&metric=gap_reports&groupBy=section&from=${from}&to=${to}&tz=UTC`);
    await expect(page.getByTestId('series').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the metric definitions: the list, a custom metric’s form with its problems marked and its delete question, and the core index editor', async ({
    page,
    extensionId,
    apiUrl,
  }) => {
    // A custom metric of its own, so the list has one and its form can be opened.
    const analyst = await demoToken(apiUrl, 'analyst.riley');
    const id = `a11y_${Math.random().toString(36).slice(2, 8)}`;
    const created = await api(apiUrl, analyst, 'POST', '/v1/metrics/custom', {
      id,
      name: 'Gold misses (a11y)',
      numerator: { verdict: ['incorrect'] },
      denominator: { kind: ['gold_check'] },
    });
    expect(created.status).toBe(201);
    const options = await new OptionsPage(await page.context().newPage(), extensionId).open();
    await options.connect(apiUrl);
    await options.signInAsDemoUser('Riley Chen');
    await options.page.close();
    const dashboard = `chrome-extension://${extensionId}/dashboard.html`;

    await page.goto(`${dashboard}?view=definitions`);
    await expect(page.locator(`[data-metric-id="${id}"]`)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // The form from the keyboard: Enter in a field submits it; the problems are marked and announced.
    await page.goto(`${dashboard}?view=definitions&new`);
    await page.getByLabel('Id', { exact: true }).fill('Not An Id');
    await page.getByLabel('Id', { exact: true }).press('Enter');
    await expect(page.getByTestId('form-problems')).toBeVisible();
    await expect(page.getByLabel('Id', { exact: true })).toBeFocused();
    await page.getByLabel('A share of a denominator').check();
    await expect(page.getByRole('group', { name: 'Denominator' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // An existing metric's form, with the delete question open (reached by keyboard).
    await page.goto(`${dashboard}?view=definitions&edit=${id}`);
    await page.getByRole('button', { name: 'Delete', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Delete it' })).toBeFocused();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${dashboard}?view=definitions&index`);
    await expect(page.getByTestId('index-version').first()).toBeVisible();
    await expect(page.getByTestId('index-component').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
