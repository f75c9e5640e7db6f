import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { MetricsSeriesResponse } from '../../contract';
import { DEMO_ANOMALY } from '../../demo/seed';
import { api, demoToken } from './api';
import { expect, screenshotPath, test } from './fixtures';
import { signIn } from './pages';

/** The report types as the English page names them. */
const REPORT_TYPES: Record<string, string> = {
  unclear: 'Unclear',
  missing: 'Missing',
  conflicting: 'Conflicting',
  outdated: 'Outdated',
  other: 'Other',
};

/** `day` moved by `days` whole UTC days. */
const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

test.describe('dashboards (analysts)', () => {
  test('the seeded anomaly is flagged in Posts accuracy, its section ranks first, and a flagged day drills down to exactly its events', async ({
    context,
    page,
    extensionId,
    apiUrl,
    seed,
  }) => {
    const anchorDay = seed.anchor.slice(0, 10);
    const changeDay = shift(anchorDay, -DEMO_ANOMALY.changeDaysAgo);
    const lastDay = shift(changeDay, DEMO_ANOMALY.days - 1);
    const from = shift(anchorDay, -60);
    const to = shift(anchorDay, -1);
    await signIn(context, extensionId, apiUrl, 'Riley Chen');
    const dashboard = `chrome-extension://${extensionId}/dashboard.html`;

    // The popup leads analysts here; a bare link opens accuracy by queue and writes its defaults into the address.
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(page.getByTestId('open-dashboard')).toHaveAttribute('href', dashboard);
    await page.goto(dashboard);
    await expect(page.getByRole('heading', { name: 'Quality dashboards', level: 1 })).toBeVisible();
    await expect(page).toHaveURL(/\?view=metric&metric=accuracy&groupBy=queue&from=\d{4}-\d\d-\d\d&to=.+&tz=/);

    // 1. Accuracy by queue over the 60 days before the anchor, in UTC: Posts is flagged low in the
    //    two weeks after the change, and no other queue is flagged low.
    await page.goto(`${dashboard}?view=metric&metric=accuracy&groupBy=queue&from=${from}&to=${to}&tz=UTC`);
    await expect(page.getByRole('heading', { name: 'Accuracy by Queue', level: 2 })).toBeVisible();
    const flagged = page.getByTestId('flagged-day');
    await expect(flagged.first()).toBeVisible();
    const rows = await flagged.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    const lows = rows.filter(([, , , , flag]) => flag!.startsWith('Low'));
    expect(lows.length).toBeGreaterThanOrEqual(8);
    for (const [series, date] of lows) {
      expect(series).toBe('Queue: posts');
      expect(date! >= changeDay && date! <= lastDay, `${date} in ${changeDay}…${lastDay}`).toBe(true);
    }
    // One control chart per queue, each a named picture of the table under it.
    const token = await demoToken(apiUrl, 'analyst.riley');
    const seriesPath = `/v1/metrics/series?metric=accuracy&groupBy=queue&tz=UTC`;
    const whole = MetricsSeriesResponse.parse(
      (await api(apiUrl, token, 'GET', `${seriesPath}&from=${from}&to=${to}`)).body,
    );
    await expect(page.getByTestId('series')).toHaveCount(whole.series.length);
    const posts = page.getByRole('region', { name: 'Queue: posts' });
    await expect(posts.getByRole('img')).toHaveAttribute('aria-label', /Queue: posts: \d+ flagged days/);
    await page.screenshot({ path: screenshotPath('dashboard-metric'), fullPage: false });

    // The series as CSV: one row per queue and day, the flagged days among them.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the series as CSV' }).click(),
    ]);
    const csv = parse(readFileSync((await download.path())!, 'utf8'), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    expect(csv).toHaveLength(whole.series.length * 60);
    expect(csv.filter((r) => r.group === 'posts' && r.flag === 'low').map((r) => r.date)).toEqual(
      lows.map(([, date]) => date).sort(),
    );

    // 2. A flagged day drills down to the events behind it: exactly the day's denominator, every one
    //    an audit or gold check of Posts that day, and the correct ones exactly its numerator.
    const [, day] = lows.at(-1)!;
    await flagged
      .filter({ hasText: day! })
      .getByRole('link', { name: `What is behind Queue: posts on ${day}` })
      .click();
    await expect(page).toHaveURL(new RegExp(`view=events&metric=accuracy&date=${day}&tz=UTC&queue=posts`));
    await expect(page.getByRole('heading', { level: 2 })).toContainText(`what is behind ${day} (UTC)`);
    const point = whole.series.find((s) => s.key.queue === 'posts')!.points.find((p) => p.date === day)!;
    const events = page.getByTestId('drill-event');
    await expect(events.first()).toBeVisible();
    while (await page.getByRole('button', { name: 'Show more' }).isVisible()) {
      const before = await events.count();
      await page.getByRole('button', { name: 'Show more' }).click();
      await expect.poll(() => events.count()).toBeGreaterThan(before);
    }
    await expect(events).toHaveCount(point.denominator!);
    await expect(page.getByTestId('events-count')).toHaveText(
      `${point.denominator} events shown, ${point.numerator} of them counted above the line.`,
    );
    const cells = await events.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    for (const [, kind, , , queue] of cells) {
      expect(['QA audit', 'Gold check']).toContain(kind);
      expect(queue).toBe('posts');
    }
    await page.screenshot({ path: screenshotPath('dashboard-drill'), fullPage: false });

    // Back returns to the chart view it came from.
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Accuracy by Queue', level: 2 })).toBeVisible();

    // 3. The guideline changes: the hate-speech section ranks first, tied to Posts, with links to
    //    the events and the reports behind it.
    await page.goto(`${dashboard}?view=sections&from=${shift(anchorDay, -50)}&to=${to}&tz=UTC`);
    const first = page.getByTestId('section-signal').first();
    await expect(first.getByTestId('signal-heading')).toHaveText('1. Hate speech');
    await expect(first).toContainText(`${DEMO_ANOMALY.fromVersion} → ${DEMO_ANOMALY.toVersion}`);
    await expect(first.locator('td').nth(4)).toContainText(DEMO_ANOMALY.queue);
    await page.screenshot({ path: screenshotPath('dashboard-sections'), fullPage: false });
    await expect(
      first.getByRole('link', { name: /^Gap reports on 1\. Hate speech after the change$/ }),
    ).toHaveAttribute('href', new RegExp(`section=${DEMO_ANOMALY.sectionId}`));
    await first
      .getByRole('link', { name: `Events on ${DEMO_ANOMALY.policy} after the change to 1. Hate speech` })
      .click();
    await expect(page).toHaveURL(/view=events&metric=accuracy&from=.+&policy=hate_speech/);
    await expect(page.getByTestId('drill-event').first()).toBeVisible();
    const policies = await page
      .getByTestId('drill-event')
      .evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[5]?.textContent));
    expect(new Set(policies)).toEqual(new Set([DEMO_ANOMALY.policy]));
  });

  test('gap reports over time: by guideline section and by type, and a day drills down to its reports', async ({
    context,
    page,
    extensionId,
    apiUrl,
    seed,
  }) => {
    const anchorDay = seed.anchor.slice(0, 10);
    const from = shift(anchorDay, -60);
    const to = shift(anchorDay, -1);
    await signIn(context, extensionId, apiUrl, 'Riley Chen');
    await page.goto(`chrome-extension://${extensionId}/dashboard.html?view=metric&from=${from}&to=${to}&tz=UTC`);
    await page.getByRole('link', { name: 'Gap reports over time' }).click();
    await expect(page).toHaveURL(/view=metric&metric=gap_reports&groupBy=section&from=.+&tz=UTC/);
    await expect(page.getByRole('heading', { name: 'Gap reports by Guideline section', level: 2 })).toBeVisible();
    const section = page.getByRole('region', { name: `Guideline section: ${DEMO_ANOMALY.sectionId}` });
    await expect(section.getByRole('img')).toBeVisible();

    // The busiest day of the hate-speech section, as the API counts it, drills down to exactly its reports.
    const token = await demoToken(apiUrl, 'analyst.riley');
    const query = new URLSearchParams(new URL(page.url()).search);
    query.delete('view');
    const bySection = MetricsSeriesResponse.parse(
      (await api(apiUrl, token, 'GET', `/v1/metrics/series?${query.toString()}`)).body,
    );
    const busiest = bySection.series
      .find((s) => s.key.section === DEMO_ANOMALY.sectionId)!
      .points.reduce((a, b) => (b.numerator > a.numerator ? b : a));
    expect(busiest.numerator).toBeGreaterThan(0);
    await section.locator('summary').click();
    await section
      .getByRole('link', { name: `What is behind Guideline section: ${DEMO_ANOMALY.sectionId} on ${busiest.date}` })
      .click();
    await expect(page).toHaveURL(new RegExp(`view=events&metric=gap_reports&date=${busiest.date}&tz=UTC`));
    await expect(page.getByTestId('drill-report')).toHaveCount(busiest.numerator);
    const sections = await page
      .getByTestId('drill-report')
      .evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[4]?.textContent));
    expect(new Set(sections)).toEqual(new Set([`${DEMO_ANOMALY.guidelineId} § ${DEMO_ANOMALY.sectionId}`]));

    // The same reports by type: one series per type the API counted, and the form says so in the URL.
    await page.goBack();
    await page.getByLabel('One series per').selectOption('type');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(/groupBy=type/);
    query.set('groupBy', 'type');
    const byType = MetricsSeriesResponse.parse(
      (await api(apiUrl, token, 'GET', `/v1/metrics/series?${query.toString()}`)).body,
    );
    expect(byType.series.length).toBeGreaterThan(1);
    await expect(page.getByTestId('series').locator('h3')).toHaveText(
      byType.series.map((s) => `Report type: ${REPORT_TYPES[s.key.type!]}`),
    );
  });

  test('a moderator is turned away, and a link the contract refuses says why', async ({
    context,
    page,
    extensionId,
    apiUrl,
  }) => {
    const dashboard = `chrome-extension://${extensionId}/dashboard.html`;
    await signIn(context, extensionId, apiUrl, 'Alex Moreno');
    await page.goto(dashboard);
    await expect(page.getByText('The dashboards are for analysts and admins.')).toBeVisible();

    await signIn(context, extensionId, apiUrl, 'Riley Chen');
    await page.goto(`${dashboard}?view=metric&metric=accuracy&from=2026-02-30&to=2026-03-01&tz=UTC`);
    await expect(page.getByRole('alert')).toContainText('from: not a calendar day');
    // The form is still there to put it right.
    await page.getByLabel('From').fill('2026-02-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(/from=2026-02-01&to=2026-03-01/);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByTestId('flagged-days')).toBeVisible();
  });
});
