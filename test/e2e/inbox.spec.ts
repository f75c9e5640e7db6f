import { v7 } from 'uuid';
import type { InboxDetail } from '../../contract';
import { api, demoToken } from './api';
import { clickBadge, expectBadgeLabel } from './badges';
import { expect, test } from './fixtures';
import { signIn } from './pages';

/** A word no other test writes: the free-text search finds this run's reports and nothing else. */
const word = () => `inboxrun${Math.random().toString(36).slice(2, 10)}`;

test.describe('triage inbox', () => {
  test('an evaluator reports; an analyst finds it by link, merges a duplicate, comments and resolves; the reporter sees it', async ({
    context,
    page,
    extensionId,
    apiUrl,
    demoUrl,
    seed,
  }) => {
    const run = word();
    const task = seed.search.tasks[0]!;
    const result = task.results[0]!;

    // 1. The evaluator files a report from the item panel of a search-evaluation result.
    await signIn(context, extensionId, apiUrl, 'Lee Park');
    await page.goto(`${demoUrl}/search-eval/tasks/${task.id}`);
    await expectBadgeLabel(page, result.id, /^QA Lens: /);
    const [panel] = await Promise.all([context.waitForEvent('page'), clickBadge(page, result.id)]);
    await expect(panel.getByTestId('item-key')).toHaveText(result.id);
    const [form] = await Promise.all([
      context.waitForEvent('page', (p) => p.url().includes('/report.html')),
      panel.getByTestId('report-item').click(),
    ]);
    const note = `${run} forum posts have no relevance rule`;
    await form.getByLabel('What is wrong with the SOP').selectOption('missing');
    await form.getByLabel('Severity').selectOption('high');
    await form.getByLabel('What happened, and what the SOP should say').fill(note);
    await form.getByRole('button', { name: 'Save and send' }).click();
    await expect(form.getByTestId('report-sent')).toBeVisible();
    await form.close();
    await panel.close();

    // Another evaluator reported the same gap on the same result (straight through the API).
    const rosa = await demoToken(apiUrl, 'eval.rosa');
    const duplicateId = v7();
    const pushed = await api(apiUrl, rosa, 'POST', '/v1/sync/push', {
      reports: [
        {
          id: duplicateId,
          type: 'missing',
          severity: 'medium',
          note: `${run} no relevance rule for forum posts`,
          context: { site: 'demo-search', itemKey: result.id },
          createdAt: new Date().toISOString(),
        },
      ],
    });
    expect(pushed.status).toBe(200);

    // 2. The analyst opens a link to a filtered view, as a colleague would send it.
    const analyst = await demoToken(apiUrl, 'analyst.riley');
    await expect
      .poll(
        async () => {
          const { body } = await api(apiUrl, analyst, 'GET', `/v1/gap-reports?q=${run}`);
          return (body.reports as unknown[] | undefined)?.length ?? 0;
        },
        { timeout: 20_000, message: "the evaluator's report reaches the API" },
      )
      .toBe(2);
    await signIn(context, extensionId, apiUrl, 'Riley Chen');
    const inbox = await context.newPage();
    const link = `chrome-extension://${extensionId}/inbox.html?status=new&site=demo-search&q=${run}`;
    await inbox.goto(link);
    await expect(inbox.getByRole('heading', { name: 'Triage inbox' })).toBeVisible();
    await expect(inbox.getByTestId('inbox-row')).toHaveCount(2);
    await expect(inbox.getByTestId('inbox-count')).toHaveText('2 reports in this view');
    // The form shows the link's filters.
    await expect(inbox.getByLabel('Search the notes')).toHaveValue(run);
    await expect(inbox.getByLabel('Site')).toHaveValue('demo-search');

    const mine = inbox.getByTestId('inbox-row').filter({ hasText: 'forum posts have no relevance rule' });
    const reportId = (await mine.getAttribute('data-report-id'))!;
    await mine.getByRole('button', { name: /^Open the report/ }).click();
    await expect(inbox).toHaveURL(new RegExp(`report=${reportId}`));
    const detail = inbox.getByTestId('report-detail');
    await expect(detail.getByTestId('detail-note')).toHaveText(note);
    await expect(detail).toContainText('Lee Park (evaluator)');

    // 3. Merge the likely duplicate the inbox suggests.
    const candidate = detail.locator(`[data-testid="duplicate"][data-report-id="${duplicateId}"]`);
    await expect(candidate).toContainText('same item');
    await candidate.getByRole('checkbox').check();
    await detail.getByRole('button', { name: 'Merge the chosen reports into this one' }).click();
    await expect(detail.getByRole('status')).toHaveText('1 report merged; its reporter now follows this one.');
    await expect(detail.getByTestId('merged-list')).toContainText('no relevance rule for forum posts');

    // 4. Comment, then resolve.
    const comment = `Thanks — §4 now covers forum posts (${run}).`;
    await detail.getByLabel('Comment for the reporter').fill(comment);
    await detail.getByRole('button', { name: 'Add the comment' }).click();
    await expect(detail.getByTestId('detail-comment')).toContainText(comment);
    await detail.getByTestId('detail-status').selectOption('resolved');
    await expect(detail.getByTestId('detail-history')).toContainText('changed the status from New to Resolved');
    await expect(detail.getByTestId('detail-history')).toContainText(`merged report ${duplicateId} into this one`);

    // The link still opens the same view: now empty of new reports (one resolved, one merged away).
    await inbox.goto(link);
    await expect(inbox.getByText('No reports match this view.')).toBeVisible();
    const { body } = await api(apiUrl, analyst, 'GET', `/v1/gap-reports/${reportId}`);
    const stored = body as unknown as InboxDetail;
    expect(stored.report.status).toBe('resolved');
    expect(stored.merged.map((r) => r.id)).toEqual([duplicateId]);
    await inbox.close();

    // The merged report's reporter follows the survivor: its status and comment, on their own pull.
    const { body: rosaPull } = await api(apiUrl, rosa, 'GET', '/v1/sync/gap-reports?limit=200');
    const followed = (rosaPull.reports as { id: string; status: string; comments: { body: string }[] }[]).find(
      (r) => r.id === duplicateId,
    )!;
    expect(followed.status).toBe('resolved');
    expect(followed.comments.map((c) => c.body)).toContain(comment);

    // 5. The reporter's panel shows the status and the comment.
    await signIn(context, extensionId, apiUrl, 'Lee Park');
    await page.reload();
    await expectBadgeLabel(page, result.id, /^QA Lens: /);
    const [again] = await Promise.all([context.waitForEvent('page'), clickBadge(page, result.id)]);
    await again.evaluate(() => chrome.runtime.sendMessage({ qaLens: 1, type: 'syncReports', data: {} }));
    const own = again.locator(`[data-report-id="${reportId}"]`);
    await expect(own).toContainText('Resolved');
    await expect(own.getByTestId('report-comment')).toContainText(comment);
    await again.close();
  });
});
