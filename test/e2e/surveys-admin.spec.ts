import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { v7 } from 'uuid';
import { api, demoToken } from './api';
import { expect, screenshotPath, test } from './fixtures';
import { signIn } from './pages';

/** A word no other test writes, so this run's survey is told apart from others in the list. */
const word = () => `surveyrun${Math.random().toString(36).slice(2, 10)}`;

/** One answer a moderator's extension would push for an item on the demo queue. */
function answer(surveyId: string, itemKey: string, queue: string, option: string) {
  return {
    id: v7(),
    surveyId,
    answer: option,
    context: { site: 'demo-moderation', itemKey, queue },
    answeredAt: new Date().toISOString(),
  };
}

test.describe('surveys page (analysts)', () => {
  test('an analyst creates a draft, edits and activates it; answers pushed through the API show in the results, charted, tabled and downloadable', async ({
    context,
    page,
    extensionId,
    apiUrl,
  }) => {
    const run = word();
    await signIn(context, extensionId, apiUrl, 'Riley Chen');

    // The popup leads analysts to the page.
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(page.getByTestId('open-surveys')).toHaveAttribute(
      'href',
      `chrome-extension://${extensionId}/surveys.html`,
    );

    // 1. A new survey: the contract's problems are shown beside their fields before anything is sent.
    await page.goto(`chrome-extension://${extensionId}/surveys.html`);
    await expect(page.getByRole('heading', { name: 'Surveys', level: 1 })).toBeVisible();
    await page.getByRole('link', { name: 'New survey' }).click();
    await expect(page).toHaveURL(/surveys\.html\?new$/);
    await page.getByLabel('Choice').check();
    await page.getByLabel('Sites').fill('demo-moderation, Demo Moderation');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    const question = page.getByLabel('Question');
    await expect(page.getByTestId('form-problems')).toContainText('problems to fix');
    await expect(page.getByTestId('error-question')).toHaveText('the question is empty');
    await expect(page.getByTestId('error-sites')).toContainText('"Demo Moderation": lowercase letters');
    await expect(question).toBeFocused();
    await expect(question).toHaveAttribute('aria-invalid', 'true');
    await page.screenshot({ path: screenshotPath('survey-form-problems'), fullPage: true });

    const text = `${run}: was the section clear?`;
    await question.fill(text);
    await page.getByLabel('Sites').fill('demo-moderation');
    await page.getByLabel('Option 1', { exact: true }).fill('Clear');
    await page.getByLabel('Option 2', { exact: true }).fill('Unclear');
    await page.getByLabel('Respondents may add a comment').check();
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await expect(page.getByTestId('survey-notice')).toHaveText('The survey is saved as a draft.');
    await expect(page).toHaveURL(new RegExp(`chrome-extension://${extensionId}/surveys\\.html$`));

    const row = page.getByTestId('survey-row').filter({ hasText: run });
    await expect(row.getByTestId('survey-status')).toHaveText('Draft');
    await expect(row.getByTestId('survey-responses')).toHaveText('0 / 200');
    const surveyId = (await row.getAttribute('data-survey-id'))!;

    // 2. Edit the draft: the form reads it back; a third option is added.
    await row.getByRole('link', { name: `Edit the draft "${text}"` }).click();
    await expect(page).toHaveURL(new RegExp(`\\?edit=${surveyId}$`));
    await expect(page.getByLabel('Question')).toHaveValue(text);
    await expect(page.getByLabel('Option 2', { exact: true })).toHaveValue('Unclear');
    await page.getByRole('button', { name: 'Add an option' }).click();
    await page.getByLabel('Option 3', { exact: true }).fill('Missing');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await expect(page.getByTestId('survey-notice')).toHaveText('The survey is saved as a draft.');

    // 3. Activate it from the list.
    await row.getByRole('button', { name: `Activate the survey "${text}"` }).click();
    await expect(page.getByTestId('survey-notice')).toHaveText('The survey is active.');
    await expect(row.getByTestId('survey-status')).toHaveText('Active');
    const analyst = await demoToken(apiUrl, 'analyst.riley');
    const { body: stored } = await api(apiUrl, analyst, 'GET', `/v1/surveys/${surveyId}`);
    expect(stored.survey).toMatchObject({
      question: text,
      kind: 'choice',
      status: 'active',
      allowComment: true,
      options: [
        { id: 'option-1', label: 'Clear' },
        { id: 'option-2', label: 'Unclear' },
        { id: 'option-3', label: 'Missing' },
      ],
      target: { sites: ['demo-moderation'] },
      samplingRate: 1,
      responseCap: 200,
    });

    // 4. Moderators answer, straight through the API: videos 2 × Clear + 1 × Unclear, posts 1 × Clear.
    const pushes = [
      ['mod.alex', [answer(surveyId, 'v-1', 'videos', 'option-1'), answer(surveyId, 'p-1', 'posts', 'option-1')]],
      ['mod.kai', [answer(surveyId, 'v-1', 'videos', 'option-2')]],
      ['mod.noor', [answer(surveyId, 'v-2', 'videos', 'option-1')]],
    ] as const;
    for (const [user, responses] of pushes) {
      const pushed = await api(apiUrl, await demoToken(apiUrl, user), 'POST', '/v1/sync/survey-responses', {
        responses,
      });
      expect(pushed.status).toBe(200);
      expect((pushed.body.results as { outcome: string }[]).map((r) => r.outcome)).toEqual(
        responses.map(() => 'created'),
      );
    }

    // 5. The results view: exact counts in the table under the chart.
    await row.getByRole('link', { name: text }).click();
    await expect(page).toHaveURL(new RegExp(`\\?survey=${surveyId}$`));
    const results = page.getByTestId('survey-results');
    await expect(results.getByRole('heading', { name: text })).toBeVisible();
    await expect(results.getByTestId('results-total')).toContainText('4 answers');
    await expect(results.getByTestId('survey-responses')).toHaveText('4 / 200');
    const overall = results.getByTestId('results-overall');
    const count = (option: string) => overall.locator(`tr[data-option="${option}"] [data-testid="count"]`);
    await expect(count('option-1')).toHaveText('3');
    await expect(count('option-2')).toHaveText('1');
    await expect(count('option-3')).toHaveText('0');
    await expect(overall.getByRole('rowheader', { name: 'Missing' })).toBeVisible();
    const chart = results.getByTestId('chart-overall');
    await expect(chart).toBeVisible();
    await expect(chart).toHaveAttribute('role', 'img');
    expect(await chart.evaluate((canvas: HTMLCanvasElement) => canvas.width > 0 && canvas.height > 0)).toBe(true);

    // Broken down by queue: a URL of its own, a grouped chart, and a table of every queue.
    await results.getByLabel('Break down by').selectOption('queue');
    await expect(page).toHaveURL(new RegExp(`\\?survey=${surveyId}&groupBy=queue$`));
    const groups = results.getByTestId('results-groups');
    const cell = (queue: string, option: string) =>
      groups.locator(`tr[data-group="${queue}"] td[data-option="${option}"]`);
    await expect(cell('videos', 'option-1')).toHaveText('2');
    await expect(cell('videos', 'option-2')).toHaveText('1');
    await expect(cell('posts', 'option-1')).toHaveText('1');
    await expect(cell('posts', 'option-2')).toHaveText('0');
    await expect(groups.locator('tr[data-group="videos"] [data-testid="group-total"]')).toHaveText('3');
    await expect(results.getByTestId('chart-groups')).toBeVisible();
    await page.screenshot({ path: screenshotPath('survey-results'), fullPage: true });

    // 6. The CSV download is a file with the same counts.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      results.getByTestId('download-results').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`survey-${surveyId}-results-by-queue.csv`);
    const rows = parse(readFileSync((await download.path())!, 'utf8'), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    const csvCount = (scope: string, value: string, option: string) =>
      rows.find((r) => r.scope === scope && r.group_value === value && r.option === option)?.count;
    expect(csvCount('overall', '', 'option-1')).toBe('3');
    expect(csvCount('group', 'videos', 'option-2')).toBe('1');
    const [answers] = await Promise.all([
      page.waitForEvent('download'),
      results.getByTestId('download-responses').click(),
    ]);
    expect(answers.suggestedFilename()).toBe(`survey-${surveyId}-responses.csv`);
    const answered = parse(readFileSync((await answers.path())!, 'utf8'), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    expect(answered.map((r) => r.answer_label).sort()).toEqual(['Clear', 'Clear', 'Clear', 'Unclear']);

    // 7. Back and forward walk the views.
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`\\?survey=${surveyId}$`));
    await expect(results.getByTestId('results-groups')).toHaveCount(0);
    await expect(results.getByLabel('Break down by')).toHaveValue('');
    await page.goForward();
    await expect(results.getByLabel('Break down by')).toHaveValue('queue');
    await expect(cell('videos', 'option-1')).toHaveText('2');

    // 8. Close it from the list, after confirming: it takes no more answers.
    await page.getByRole('link', { name: 'All surveys' }).click();
    await expect(page.getByRole('heading', { name: 'All surveys', level: 2 })).toBeFocused();
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: `Close the survey "${text}"` }).click();
    await expect(page.getByTestId('survey-notice')).toHaveText('The survey is closed.');
    await expect(row.getByTestId('survey-status')).toHaveText('Closed');
    await expect(row.getByRole('button')).toHaveCount(0);
    const late = await api(apiUrl, await demoToken(apiUrl, 'mod.sam'), 'POST', '/v1/sync/survey-responses', {
      responses: [answer(surveyId, 'v-3', 'videos', 'option-3')],
    });
    expect(late.body.results).toMatchObject([{ outcome: 'rejected', code: 'survey_closed' }]);
  });
});
