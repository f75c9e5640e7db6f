import { CoreIndexResponse, MetricsSeriesResponse } from '../../contract';
import { api, demoToken } from './api';
import { expect, screenshotPath, test } from './fixtures';
import { signIn } from './pages';

/** A suffix no other run writes: e2e tests share one API, and metric ids are unique. */
const runId = () => Math.random().toString(36).slice(2, 8);

/** `day` moved by `days` whole UTC days. */
const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

test.describe('metric definitions (analysts)', () => {
  test('an analyst defines "appeal volume" through the form (problems shown beside the fields first), charts it, edits and deletes it', async ({
    context,
    page,
    extensionId,
    apiUrl,
    seed,
  }) => {
    const run = runId();
    const id = `appeal_volume_${run}`;
    const name = `Appeal volume ${run}`;
    const token = await demoToken(apiUrl, 'analyst.riley');
    await signIn(context, extensionId, apiUrl, 'Riley Chen');
    const dashboard = `chrome-extension://${extensionId}/dashboard.html`;

    // 1. The nav leads to every metric, built-in ones and the core index, each with a chart link.
    await page.goto(dashboard);
    await page.getByRole('link', { name: 'Metric definitions' }).click();
    await expect(page).toHaveURL(/dashboard\.html\?view=definitions$/);
    await expect(page.getByRole('heading', { name: 'Metric definitions', level: 2 })).toBeFocused();
    const rows = page.getByTestId('definition-row');
    await expect(rows.first()).toBeVisible();
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-metric-id')));
    expect(ids.slice(0, 5)).toEqual(['accuracy', 'gold_accuracy', 'overturn_rate', 'audit_volume', 'gap_reports']);
    expect(ids.at(-1)).toBe('core_index');
    await expect(rows.filter({ hasText: 'overturn_rate' }).locator('td').first()).toHaveText('Share');
    await expect(page.getByRole('link', { name: 'Chart of Accuracy' })).toHaveAttribute(
      'href',
      '?view=metric&metric=accuracy&groupBy=queue',
    );

    // 2. A bad form: the contract's problems beside their fields, focus on the first, nothing sent.
    await page.getByRole('link', { name: 'New custom metric' }).click();
    await expect(page).toHaveURL(/\?view=definitions&new$/);
    const idField = page.getByLabel('Id', { exact: true });
    await idField.fill('Appeal Volume');
    const numerator = page.getByRole('group', { name: 'Numerator' });
    await numerator.getByLabel('Site', { exact: true }).fill('demo-moderation, Demo Site');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByTestId('form-problems')).toHaveText('3 problems to fix before saving.');
    await expect(page.getByTestId('error-id')).toHaveText(
      'a metric id: lowercase letters, digits and "_", starting with a letter',
    );
    await expect(page.getByTestId('error-name')).toHaveText('the name is empty');
    await expect(page.getByTestId('error-numerator.site')).toContainText('"Demo Site": ');
    await expect(idField).toBeFocused();
    await expect(idField).toHaveAttribute('aria-invalid', 'true');
    await expect(numerator.getByLabel('Site', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await page.screenshot({ path: screenshotPath('definitions-form-problems'), fullPage: true });
    expect((await api(apiUrl, token, 'GET', '/v1/metrics/custom')).body.metrics).not.toContainEqual(
      expect.objectContaining({ name: 'Appeal Volume' }),
    );

    // 3. Fixed: a count of appeals. The list says what it counts.
    await idField.fill(id);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Description').fill('Appeals filed, whatever their verdict.');
    await numerator.getByLabel('Site', { exact: true }).fill('');
    await numerator.getByLabel('Appeal').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page).toHaveURL(/\?view=definitions$/);
    await expect(page.getByTestId('definitions-notice')).toHaveText(`${name} is defined.`);
    const row = page.locator(`[data-testid="definition-row"][data-metric-id="${id}"]`);
    await expect(row.locator('td').nth(0)).toHaveText('Count');
    await expect(row.locator('td').nth(1)).toHaveText(
      'Appeals filed, whatever their verdict.Counts events where Kind: Appeal.',
    );
    const stored = await api(apiUrl, token, 'GET', `/v1/metrics/custom/${id}`);
    expect(stored.body.metric).toMatchObject({ kind: 'count', numerator: { kind: ['appeal'] }, denominator: null });

    // The API's refusal is shown in its words: the id is taken.
    await page.getByRole('link', { name: 'New custom metric' }).click();
    await idField.fill(id);
    await page.getByLabel('Name', { exact: true }).fill(`${name} again`);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByTestId('save-failed')).toHaveText(
      `Not saved: a custom metric ${id} exists; PUT /v1/metrics/custom/${id} changes it`,
    );
    await page.getByRole('link', { name: 'Cancel' }).click();

    // 4. Its chart: the metric select knows it, and every series has one point per day of the range,
    //    each day's count exactly the seeded appeals of that queue that day.
    await row.getByRole('link', { name: `Chart of ${name}` }).click();
    await expect(page).toHaveURL(new RegExp(`view=metric&metric=${id}&groupBy=queue&from=`));
    await expect(page.getByLabel('Metric', { exact: true })).toHaveValue(id);
    await expect(page.getByLabel('Metric', { exact: true }).locator('option:checked')).toHaveText(name);
    const anchorDay = seed.anchor.slice(0, 10);
    const from = shift(anchorDay, -30);
    const to = shift(anchorDay, -1);
    const days = 30;
    await page.goto(`${dashboard}?view=metric&metric=${id}&groupBy=queue&from=${from}&to=${to}&tz=UTC`);
    await expect(page.getByRole('heading', { name: `${name} by Queue`, level: 2 })).toBeVisible();
    const appeals = new Map<string, number>();
    for (const event of seed.events) {
      const day = new Date(event.occurredAt).toISOString().slice(0, 10);
      if (event.kind !== 'appeal' || day < from || day > to) continue;
      appeals.set(`${event.queue} ${day}`, (appeals.get(`${event.queue} ${day}`) ?? 0) + 1);
    }
    const queues = [...new Set([...appeals.keys()].map((key) => key.split(' ')[0]!))];
    expect(queues.length).toBeGreaterThan(0);
    const series = page.getByTestId('series');
    await expect(series.first()).toBeVisible();
    const shown = await series.locator('h3').allTextContents();
    expect(shown.map((label) => label.replace('Queue: ', '')).sort()).toEqual(expect.arrayContaining(queues.sort()));
    for (const queue of queues) {
      const block = page.getByRole('region', { name: `Queue: ${queue}`, exact: true });
      await expect(block.getByRole('img')).toBeVisible();
      const counted = await block
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [tr.children[0]!.textContent, tr.children[1]!.textContent]));
      expect(counted).toHaveLength(days);
      expect(counted).toEqual(
        Array.from({ length: days }, (_, i) => {
          const day = shift(from, i);
          return [day, String(appeals.get(`${queue} ${day}`) ?? 0)];
        }),
      );
    }
    // The chart draws the API's own points: as many as days in the range.
    const answered = MetricsSeriesResponse.parse(
      (await api(apiUrl, token, 'GET', `/v1/metrics/series?metric=${id}&groupBy=queue&from=${from}&to=${to}&tz=UTC`))
        .body,
    );
    expect(answered.series.map((s) => s.points.length)).toEqual(answered.series.map(() => days));
    await expect(series).toHaveCount(answered.series.length);
    await page.screenshot({ path: screenshotPath('definitions-custom-chart'), fullPage: false });

    // 5. Edit it (PUT): the form reads it back; the new name is what the list shows.
    await page.goto(`${dashboard}?view=definitions`);
    await page.getByRole('link', { name: `Edit ${name}` }).click();
    await expect(page).toHaveURL(new RegExp(`\\?view=definitions&edit=${id}$`));
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);
    await expect(page.getByRole('group', { name: 'Numerator' }).getByLabel('Appeal')).toBeChecked();
    await expect(page.getByLabel('Id', { exact: true })).toHaveCount(0);
    await page.getByLabel('Name', { exact: true }).fill(`${name} (renamed)`);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByTestId('definitions-notice')).toHaveText(`${name} (renamed) is saved.`);
    await expect(row.locator('th')).toContainText(`${name} (renamed)`);

    // 6. Delete it: asked first (focus on the question's button), kept once, then deleted.
    await page.getByRole('link', { name: `Edit ${name} (renamed)` }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByTestId('delete-confirm');
    await expect(confirm).toContainText(`Delete ${name} (renamed)?`);
    await expect(confirm.getByRole('button', { name: 'Delete it' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await expect(page.getByRole('button', { name: 'Delete', exact: true })).toBeFocused();
    expect((await api(apiUrl, token, 'GET', `/v1/metrics/custom/${id}`)).status).toBe(200);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Delete it' }).click();
    await expect(page.getByTestId('definitions-notice')).toHaveText(`${name} (renamed) is deleted.`);
    await expect(row).toHaveCount(0);
    expect((await api(apiUrl, token, 'GET', `/v1/metrics/custom/${id}`)).status).toBe(404);
  });

  test('an analyst saves a new version of the core index with a custom share metric in it, sees it listed and charts it', async ({
    context,
    page,
    extensionId,
    apiUrl,
    seed,
  }) => {
    const run = runId();
    const token = await demoToken(apiUrl, 'analyst.riley');
    // A share metric to add: the accuracy of Posts' QA audits.
    const metric = `posts_audit_accuracy_${run}`;
    const created = await api(apiUrl, token, 'POST', '/v1/metrics/custom', {
      id: metric,
      name: `Posts audit accuracy ${run}`,
      numerator: { verdict: ['correct'] },
      denominator: { kind: ['qa_audit'], queue: ['posts'] },
    });
    expect(created.status).toBe(201);
    const before = CoreIndexResponse.parse((await api(apiUrl, token, 'GET', '/v1/metrics/core-index')).body).coreIndex;
    const next = before.version + 1;
    await signIn(context, extensionId, apiUrl, 'Riley Chen');
    const dashboard = `chrome-extension://${extensionId}/dashboard.html`;

    await page.goto(`${dashboard}?view=definitions`);
    await page.getByRole('link', { name: 'Edit the core index' }).first().click();
    await expect(page).toHaveURL(/\?view=definitions&index$/);
    await expect(page.getByTestId('index-current').locator('caption')).toHaveText(
      `In force: version ${before.version}, ${before.name}`,
    );
    await expect(page.getByTestId('index-current').locator('tbody tr')).toHaveCount(before.components.length);
    const components = page.getByTestId('index-component');
    await expect(components).toHaveCount(before.components.length);

    // Add the custom metric (the keyboard lands on its row), weigh it, drop the last of the old ones.
    await page.getByRole('button', { name: 'Add a metric' }).click();
    const added = components.nth(before.components.length);
    await expect(added.getByLabel('Metric', { exact: true })).toBeFocused();
    await added.getByLabel('Metric', { exact: true }).selectOption(metric);
    await added.getByLabel('Weight').fill('0.5');
    await page.getByRole('button', { name: `Remove metric ${before.components.length}` }).click();
    await expect(components).toHaveCount(before.components.length);
    await expect(page.getByRole('button', { name: 'Add a metric' })).toBeFocused();
    await page.getByLabel('Name', { exact: true }).fill(`Quality index ${run}`);

    // A weight left empty: the problem beside its row, focus on it, nothing saved.
    const firstWeight = components.first().getByLabel('Weight');
    await firstWeight.fill('');
    await page.getByRole('button', { name: `Save as version ${next}` }).click();
    await expect(page.getByTestId('error-components.0.weight')).toBeVisible();
    await expect(firstWeight).toBeFocused();
    await expect(firstWeight).toHaveAttribute('aria-invalid', 'true');
    expect(CoreIndexResponse.parse((await api(apiUrl, token, 'GET', '/v1/metrics/core-index')).body).coreIndex).toEqual(
      before,
    );

    await firstWeight.fill('2');
    await page.getByRole('button', { name: `Save as version ${next}` }).click();
    await expect(page.getByTestId('definitions-notice')).toHaveText(
      `Version ${next} is saved and is now the core index.`,
    );
    await expect(page.getByTestId('index-current').locator('caption')).toHaveText(
      `In force: version ${next}, Quality index ${run}`,
    );
    const listed = page.getByTestId('index-version');
    await expect(listed.first()).toHaveAttribute('data-version', String(next));
    await expect(listed.first()).toContainText(`Quality index ${run}`);
    await expect(listed.first()).toContainText(`Posts audit accuracy ${run} × 0.5`);
    await expect(listed.last()).toHaveAttribute('data-version', '0');
    await expect(listed).toHaveCount(next + 1);
    const saved = CoreIndexResponse.parse((await api(apiUrl, token, 'GET', '/v1/metrics/core-index')).body).coreIndex;
    expect(saved.components.map((c) => [c.metric, c.weight, c.invert])).toEqual([
      ...before.components.slice(0, -1).map((c, i) => [c.metric, i === 0 ? 2 : c.weight, c.invert]),
      [metric, 0.5, false],
    ]);
    await page.screenshot({ path: screenshotPath('definitions-core-index'), fullPage: true });

    // Its chart: the link names the version, and the chart is that version's.
    await listed
      .first()
      .getByRole('link', { name: `Chart of the core index, version ${next}` })
      .click();
    await expect(page).toHaveURL(new RegExp(`view=metric&metric=core_index&groupBy=queue&.*version=${next}`));
    const to = seed.anchor.slice(0, 10);
    const query = `metric=core_index&groupBy=none&from=${shift(to, -13)}&to=${to}&tz=UTC&version=${next}`;
    await page.goto(`${dashboard}?view=metric&${query}`);
    const answered = MetricsSeriesResponse.parse((await api(apiUrl, token, 'GET', `/v1/metrics/series?${query}`)).body);
    expect(answered.series).toHaveLength(1);
    expect(answered.series[0]!.points).toHaveLength(14);
    const block = page.getByTestId('series');
    await expect(block.getByRole('img')).toBeVisible();
    await expect(block.locator('tbody tr')).toHaveCount(14);
    const values = await block.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.children[3]!.textContent));
    const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
    expect(values).toEqual(answered.series[0]!.points.map((p) => (p.value === null ? '–' : percent.format(p.value))));
  });
});
