import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import {
  ApiErrorBody,
  GapHistoryResponse,
  GapReportResponse,
  GapReportSyncResponse,
  SyncPushResponse,
  type GapReportInput,
} from '../../contract';
import { createApp } from '../app';
import { gapReports, gapReportScreenshots } from '../db/schema';
import { DEFAULT_POLICY } from '../policy';
import { describeEachDatabase } from './databases';
import { gapReport, jpegHead, png, reportId, screenshotOf } from './gap-fixtures';
import { useTestApp, type Caller } from './harness';

describeEachDatabase('gap reports', (database) => {
  const t = useTestApp(database);
  let eve: Caller;
  let otto: Caller;
  let mo: Caller;
  let ana: Caller;
  let ada: Caller;

  beforeEach(async () => {
    eve = await t.caller('eve.eval', ['evaluator']);
    otto = await t.caller('otto.eval', ['evaluator']);
    mo = await t.caller('mo.mod', ['moderator']);
    ana = await t.caller('ana.analyst', ['analyst']);
    ada = await t.caller('ada.admin', ['admin']);
  });

  const pushRaw = (reports: unknown[], token = eve.token) =>
    t.request('POST', '/v1/sync/push', { token, json: { reports } });
  const push = async (reports: unknown[], token = eve.token) => {
    const res = await pushRaw(reports, token);
    expect(res.status, await res.clone().text()).toBe(200);
    return SyncPushResponse.parse(await res.json()).results;
  };
  const pull = async (query = '', token = eve.token) => {
    const res = await t.request('GET', `/v1/sync/gap-reports?${query}`, { token });
    expect(res.status, await res.clone().text()).toBe(200);
    return GapReportSyncResponse.parse(await res.json());
  };
  const patch = (id: string, body: unknown, token = ana.token) =>
    t.request('PATCH', `/v1/gap-reports/${id}`, { token, json: body });
  const comment = (id: string, body: unknown, token = ana.token) =>
    t.request('POST', `/v1/gap-reports/${id}/comments`, { token, json: body });
  const error = async (res: Response, status: number) => {
    expect(res.status, await res.clone().text()).toBe(status);
    return ApiErrorBody.parse(await res.json()).error;
  };
  const storedNotes = async () =>
    (await t.db.select({ id: gapReports.id, note: gapReports.note }).from(gapReports)).sort((a, b) =>
      a.id < b.id ? -1 : 1,
    );

  it('stores a pushed report once and answers its revision; the reporter pulls it with its whole context', async () => {
    const [result] = await push([gapReport(1)]);
    expect(result).toEqual({ index: 0, id: reportId(1), outcome: 'created', revision: expect.any(Number) });

    const { reports, nextCursor, hasMore } = await pull();
    expect(hasMore).toBe(false);
    expect(nextCursor).toBe(String(result!.revision));
    const { receivedAt, updatedAt, ...record } = reports[0]!;
    const { screenshot: _none, ...sent } = gapReport(1);
    expect(record).toEqual({
      ...sent,
      reporter: { id: 'eve.eval', name: 'User eve.eval' },
      hasScreenshot: false,
      status: 'new',
      assignee: null,
      duplicateOf: null,
      revision: result!.revision,
      comments: [],
    });
    expect(Date.parse(receivedAt)).toBe(Date.parse(updatedAt));
  });

  it('answers a retry of the same id and content as a duplicate with the revision it already has', async () => {
    const [first] = await push([gapReport(1)]);
    await push([gapReport(2)]);
    const [again] = await push([gapReport(1)]);
    expect(again).toEqual({ index: 0, id: reportId(1), outcome: 'duplicate', revision: first!.revision });
    expect((await storedNotes()).map((row) => row.id)).toEqual([reportId(1), reportId(2)]);
    // A retry writes nothing: the reporter's cursor does not see it again.
    expect((await pull(`since=${first!.revision}`)).reports.map((r) => r.id)).toEqual([reportId(2)]);
  });

  it('refuses the same id with other content, from the reporter or anyone else, and keeps what was stored', async () => {
    await push([gapReport(1)]);
    const changed = await push([gapReport(1, { note: 'Another note entirely' })]);
    expect(changed).toEqual([
      {
        index: 0,
        id: reportId(1),
        outcome: 'rejected',
        code: 'id_conflict',
        message: `report ${reportId(1)} is already stored with other content; send new content under a new id`,
      },
    ]);
    // Otto sends Eve's id with Eve's very content: still not his report, so not a success for him.
    expect((await push([gapReport(1)], otto.token))[0]).toMatchObject({ outcome: 'rejected', code: 'id_conflict' });
    expect(await storedNotes()).toEqual([{ id: reportId(1), note: gapReport(1).note }]);
    expect((await pull('', otto.token)).reports).toEqual([]);
  });

  it('rejects a malformed report alone, with its reason, and stores the rest of the batch', async () => {
    const results = await push([
      gapReport(1),
      { ...gapReport(2), note: 'x'.repeat(4001) },
      42,
      { ...gapReport(3), id: '0190a5b2-7c3e-4abc-8def-000000000003' }, // a v4 UUID
      gapReport(4),
    ]);
    expect(results.map((r) => [r.index, r.outcome, r.code ?? null])).toEqual([
      [0, 'created', null],
      [1, 'rejected', 'invalid'],
      [2, 'rejected', 'invalid'],
      [3, 'rejected', 'invalid'],
      [4, 'created', null],
    ]);
    expect(results[1]).toMatchObject({ id: reportId(2), details: [{ path: 'note' }] });
    expect(results[1]!.message).toMatch(/^invalid report: note: Too big/);
    expect(results[2]).toMatchObject({ id: null, details: [{ path: '(root)' }] });
    expect(results[3]!.details).toEqual([{ path: 'id', message: 'a UUIDv7 made by the client, in lowercase' }]);
    expect((await storedNotes()).map((row) => row.id)).toEqual([reportId(1), reportId(4)]);
  });

  it('refuses NUL and lone surrogates in any text of a report with a message that says so', async () => {
    const results = await push([
      gapReport(1, { note: 'bad\u0000note' }),
      gapReport(2, { context: { selection: 'lone \ud800 half' } }),
      gapReport(3, { context: { fields: { queue: 'q\u0000' } } }),
    ]);
    expect(results.map((r) => r.details?.map((d) => `${d.path}: ${d.message}`))).toEqual([
      ['note: contains a NUL character (\\u0000), which cannot be stored'],
      ['context.selection: contains a lone UTF-16 surrogate, which is not valid Unicode'],
      ['context.fields.queue: contains a NUL character (\\u0000), which cannot be stored'],
    ]);
    expect(await storedNotes()).toEqual([]);
  });

  it('stores a repeated id within one batch once: created, then duplicate or conflict', async () => {
    const results = await push([gapReport(1), gapReport(1), gapReport(1, { severity: 'critical' })]);
    expect(results.map((r) => r.outcome)).toEqual(['created', 'duplicate', 'rejected']);
    expect(results[1]!.revision).toBe(results[0]!.revision);
    expect(await t.db.$count(gapReports)).toBe(1);
  });

  it('keeps every part of the context optional: the reporter may remove any of it', async () => {
    const bare = { ...gapReport(1), context: undefined } as unknown as GapReportInput;
    const partial = gapReport(2, { context: { site: 'demo-search', guideline: { guidelineId: 'search-guide' } } });
    expect((await push([bare, partial])).map((r) => r.outcome)).toEqual(['created', 'created']);
    const [first, second] = (await pull()).reports;
    const none = {
      pageUrl: null,
      pageTitle: null,
      site: null,
      itemKey: null,
      fields: null,
      selection: null,
      guideline: null,
      proposedDecision: null,
    };
    expect(first!.context).toEqual(none);
    expect(second!.context).toEqual({
      ...none,
      site: 'demo-search',
      guideline: { guidelineId: 'search-guide', version: null, sectionId: null, heading: null },
    });
  });

  it('stores a PNG or JPEG screenshot and serves it to the reporter, analysts and admins only', async () => {
    const image = png(40, 30);
    const jpeg = jpegHead(640, 480);
    await push([
      gapReport(1, { screenshot: screenshotOf(image, 'image/png', 40, 30) }),
      gapReport(2, { screenshot: screenshotOf(jpeg, 'image/jpeg', 640, 480) }),
    ]);
    expect((await pull()).reports.map((r) => r.hasScreenshot)).toEqual([true, true]);

    for (const caller of [eve, ana, ada]) {
      const res = await t.request('GET', `/v1/gap-reports/${reportId(1)}/screenshot`, { token: caller.token });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('cache-control')).toMatch(/^private\b/);
      expect(Buffer.from(await res.arrayBuffer()).equals(image)).toBe(true);
    }
    const jpegRes = await t.request('GET', `/v1/gap-reports/${reportId(2)}/screenshot`, { token: eve.token });
    expect(jpegRes.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await jpegRes.arrayBuffer()).equals(jpeg)).toBe(true);

    // Another evaluator and a moderator learn nothing: the same 404 as a report that does not exist.
    const shotOf = (n: number, caller: Caller) =>
      t.request('GET', `/v1/gap-reports/${reportId(n)}/screenshot`, { token: caller.token });
    const missing = (n: number) => ({ code: 'not_found', message: `no screenshot for report ${reportId(n)}` });
    expect(await error(await shotOf(9, eve), 404)).toEqual(missing(9));
    for (const caller of [otto, mo]) expect(await error(await shotOf(1, caller), 404)).toEqual(missing(1));
    await push([gapReport(3)]);
    const none = await t.request('GET', `/v1/gap-reports/${reportId(3)}/screenshot`, { token: eve.token });
    expect((await error(none, 404)).message).toBe(`no screenshot for report ${reportId(3)}`);
  });

  it('refuses a screenshot whose bytes are not a whole image of the declared type and size, or that is too large', async () => {
    const image = png(40, 30);
    const oversize = Buffer.concat([image, randomBytes(1024 * 1024)]);
    const results = await push([
      gapReport(1, { screenshot: screenshotOf(image, 'image/jpeg', 40, 30) }),
      gapReport(2, { screenshot: screenshotOf(jpegHead(40, 30), 'image/png', 40, 30) }),
      gapReport(3, { screenshot: screenshotOf(image, 'image/png', 800, 600) }),
      // A PNG signature and end, but no header chunk in between.
      gapReport(4, {
        screenshot: screenshotOf(
          Buffer.concat([image.subarray(0, 8), Buffer.alloc(64, 7), image.subarray(-12)]),
          'image/png',
          1,
          1,
        ),
      }),
      gapReport(5, { screenshot: screenshotOf(oversize, 'image/png', 40, 30) }),
      gapReport(6, { screenshot: screenshotOf(image, 'image/png', 40, 30) }),
      gapReport(7, { screenshot: screenshotOf(image.subarray(0, -1), 'image/png', 40, 30) }),
      gapReport(8, { screenshot: screenshotOf(Buffer.concat([image, Buffer.from('tail')]), 'image/png', 40, 30) }),
    ]);
    const said = results.map((r) => [r.outcome, r.code ?? null, r.details?.[0]?.message ?? null]);
    expect(said).toEqual([
      ['rejected', 'invalid', 'the data is not a JPEG image (its first bytes differ)'],
      ['rejected', 'invalid', 'the data is not a PNG image (its first bytes differ)'],
      ['rejected', 'screenshot_invalid', 'the screenshot is declared 800×600 but the image is 40×30'],
      ['rejected', 'screenshot_invalid', 'the screenshot is not a readable PNG or JPEG image'],
      ['rejected', 'invalid', 'a screenshot may be at most 1024 KiB'],
      ['created', null, null],
      ['rejected', 'screenshot_invalid', 'the screenshot is truncated or has bytes after the end of the image'],
      ['rejected', 'screenshot_invalid', 'the screenshot is truncated or has bytes after the end of the image'],
    ]);
    expect(results[0]!.details![0]!.path).toBe('screenshot.data');
    expect(await t.db.$count(gapReportScreenshots)).toBe(1);
    expect((await storedNotes()).map((row) => row.id)).toEqual([reportId(6)]);
  });

  it('reads a push of several screenshots beyond the 1 MB default, and answers 413 above its own 8 MB', async () => {
    // Random pixels do not compress: each PNG is about 700 KB, so three of them pass 1 MB together.
    const big = (n: number) =>
      gapReport(n, { screenshot: screenshotOf(png(1000, 700, { noise: true }), 'image/png', 1000, 700) });
    const reports = [big(1), big(2), big(3)];
    expect(JSON.stringify({ reports }).length).toBeGreaterThan(2 * 1024 * 1024);
    expect((await push(reports)).map((r) => r.outcome)).toEqual(['created', 'created', 'created']);

    const tooBig = Array.from({ length: 9 }, (_, i) => big(10 + i));
    const refused = await error(await pushRaw(tooBig), 413);
    expect(refused).toEqual({ code: 'payload_too_large', message: 'the request body exceeds 8 MB' });
    expect(await t.db.$count(gapReports)).toBe(3);
  });

  it('refuses a push that is not a batch of 1 to 50 reports as a whole, with a clear 4xx', async () => {
    expect((await error(await pushRaw([]), 400)).message).toMatch(/^invalid request: reports: /);
    const many = Array.from({ length: 51 }, (_, i) => gapReport(i + 1));
    expect((await error(await pushRaw(many), 400)).details?.[0]?.path).toBe('reports');
    const notJson = t.request('POST', '/v1/sync/push', { token: eve.token, body: '{"reports": [' });
    expect((await error(await notJson, 400)).message).toBe('the body is not valid JSON');
    const text = t.request('POST', '/v1/sync/push', { token: eve.token, body: 'hi', contentType: 'text/plain' });
    expect((await error(await text, 415)).message).toBe('send the reports as application/json');
    const anonymous = t.request('POST', '/v1/sync/push', { json: { reports: [gapReport(1)] } });
    expect((await error(await anonymous, 401)).code).toBe('unauthorized');
    expect(await t.db.$count(gapReports)).toBe(0);
  });

  it("pulls only the caller's own reports, page by page in revision order", async () => {
    await push([gapReport(1), gapReport(2)]);
    await push([gapReport(3)], otto.token);
    await push([gapReport(4), gapReport(5)]);

    const seen: string[] = [];
    let cursor = '0';
    const pages: boolean[] = [];
    for (;;) {
      const page = await pull(`since=${cursor}&limit=2`);
      seen.push(...page.reports.map((r) => r.id));
      pages.push(page.hasMore);
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect(seen).toEqual([1, 2, 4, 5].map(reportId));
    expect(pages).toEqual([true, false]);
    // Nothing new: the cursor stays where it is.
    expect(await pull(`since=${cursor}`)).toEqual({ reports: [], nextCursor: cursor, hasMore: false });
    expect((await pull('', otto.token)).reports.map((r) => r.id)).toEqual([reportId(3)]);
    expect((await error(await t.request('GET', '/v1/sync/gap-reports?since=-1', { token: eve.token }), 400)).code).toBe(
      'invalid_request',
    );
  });

  it('orders by the server revision: a client clock a day off changes nothing', async () => {
    const day = 86_400_000;
    const now = Date.parse('2026-03-01T10:00:00Z');
    await push([gapReport(1, { createdAt: new Date(now + day).toISOString() })]);
    await push([gapReport(2, { createdAt: new Date(now - day).toISOString() })]);
    await push([gapReport(3, { createdAt: new Date(now).toISOString() })]);
    const { reports } = await pull();
    expect(reports.map((r) => r.id)).toEqual([1, 2, 3].map(reportId));
    expect(reports.map((r) => r.createdAt)).toEqual(
      [now + day, now - day, now].map((ms) => new Date(ms).toISOString()),
    );
    const revisions = reports.map((r) => r.revision);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    // A pull from the first report's revision brings the later two, whatever their clocks said.
    expect((await pull(`since=${revisions[0]}`)).reports.map((r) => r.id)).toEqual([2, 3].map(reportId));
  });

  it('brings a report back after the cursor when an analyst changes its status or assignee or comments', async () => {
    await push([gapReport(1), gapReport(2)]);
    const { nextCursor } = await pull();

    const patched = await patch(reportId(1), { status: 'triaged', assignee: 'ana.analyst' });
    expect(patched.status).toBe(200);
    const { report } = GapReportResponse.parse(await patched.json());
    expect(report).toMatchObject({ status: 'triaged', assignee: { id: 'ana.analyst', name: 'User ana.analyst' } });
    let after = await pull(`since=${nextCursor}`);
    expect(after.reports.map((r) => [r.id, r.status, r.revision])).toEqual([[reportId(1), 'triaged', report.revision]]);

    const commentId = reportId(100);
    const posted = await comment(reportId(1), { id: commentId, body: 'Thanks: section 5.3 will name satire.' });
    expect(posted.status).toBe(201);
    after = await pull(`since=${after.nextCursor}`);
    expect(after.reports).toHaveLength(1);
    expect(after.reports[0]!.comments).toEqual([
      {
        id: commentId,
        author: { id: 'ana.analyst', name: 'User ana.analyst' },
        body: 'Thanks: section 5.3 will name satire.',
        at: expect.any(String),
      },
    ]);

    const history = await t.request('GET', `/v1/gap-reports/${reportId(1)}/history`, { token: ada.token });
    expect(history.status).toBe(200);
    const entries = GapHistoryResponse.parse(await history.json()).entries;
    expect(entries.map(({ at: _at, ...entry }) => entry)).toEqual([
      { action: 'status', actor: { id: 'ana.analyst', name: 'User ana.analyst' }, from: 'new', to: 'triaged' },
      { action: 'assignee', actor: { id: 'ana.analyst', name: 'User ana.analyst' }, from: null, to: 'ana.analyst' },
      { action: 'comment', actor: { id: 'ana.analyst', name: 'User ana.analyst' }, from: null, to: commentId },
    ]);
  });

  it('treats a repeated patch or comment as a no-op, and a comment id reused for other text as a conflict', async () => {
    await push([gapReport(1)]);
    const first = GapReportResponse.parse(await (await patch(reportId(1), { status: 'resolved' })).json()).report;
    const again = await patch(reportId(1), { status: 'resolved' });
    expect(again.status).toBe(200);
    expect(GapReportResponse.parse(await again.json()).report.revision).toBe(first.revision);

    const body = { id: reportId(200), body: 'Fixed in mod-2026.4.' };
    const made = GapReportResponse.parse(await (await comment(reportId(1), body)).json()).report;
    const retry = await comment(reportId(1), body);
    expect(retry.status).toBe(200);
    const retried = GapReportResponse.parse(await retry.json()).report;
    expect([retried.revision, retried.comments.length]).toEqual([made.revision, 1]);
    const reused = await error(await comment(reportId(1), { ...body, body: 'Something else' }), 409);
    expect(reused.message).toBe(`comment ${reportId(200)} already exists with other content; use a new id`);

    const history = await t.request('GET', `/v1/gap-reports/${reportId(1)}/history`, { token: ana.token });
    expect(GapHistoryResponse.parse(await history.json()).entries.map((e) => e.action)).toEqual(['status', 'comment']);
  });

  it('refuses an unknown report, an unknown assignee and an empty patch with clear messages', async () => {
    await push([gapReport(1)]);
    expect((await error(await patch(reportId(9), { status: 'triaged' }), 404)).message).toBe(
      `no gap report ${reportId(9)}`,
    );
    expect((await error(await comment(reportId(9), { id: reportId(300), body: 'hi' }), 404)).code).toBe('not_found');
    const unknown = await error(await patch(reportId(1), { assignee: 'nobody' }), 400);
    expect(unknown.details).toEqual([{ path: 'assignee', message: 'no user with that id to assign' }]);
    expect((await error(await patch(reportId(1), {}), 400)).message).toBe(
      'invalid request: (root): change status or assignee',
    );
    expect((await error(await comment(reportId(1), { id: reportId(301), body: '  ' }), 400)).details?.[0]).toEqual({
      path: 'body',
      message: 'the comment is empty',
    });
    const [row] = await t.db
      .select()
      .from(gapReports)
      .where(eq(gapReports.id, reportId(1)));
    expect([row!.status, row!.assignee]).toEqual(['new', null]);
  });

  it('gives moderators and evaluators 403 on every analyst route, even for their own report', async () => {
    await push([gapReport(1)]);
    for (const caller of [eve, mo]) {
      const routes = [
        patch(reportId(1), { status: 'resolved' }, caller.token),
        comment(reportId(1), { id: reportId(400), body: 'self-resolved' }, caller.token),
        t.request('GET', `/v1/gap-reports/${reportId(1)}/history`, { token: caller.token }),
      ];
      for (const res of await Promise.all(routes)) {
        expect((await error(res, 403)).message).toBe('this route needs one of the roles: admin, analyst');
      }
    }
    const [row] = await t.db.select().from(gapReports);
    expect(row!.status).toBe('new');
  });

  it('stores one row when two API processes receive the same push at once', async () => {
    const other = await t.connectAgain();
    try {
      const second = createApp({ db: other.db, kind: other.kind, version: 'test' });
      const body = JSON.stringify({ reports: [gapReport(1), gapReport(2)] });
      const send = (app: typeof second) =>
        app.request('/v1/sync/push', {
          method: 'POST',
          headers: { authorization: `Bearer ${eve.token}`, 'content-type': 'application/json' },
          body,
        });
      const answers = await Promise.all([send(t.app), send(second), send(t.app), send(second)]);
      const results = await Promise.all(
        answers.map(async (res) => SyncPushResponse.parse(await res.json()).results.map((r) => r.outcome)),
      );
      // Exactly one request created each report; the others were told it was already there.
      for (const index of [0, 1]) {
        expect(results.map((outcomes) => outcomes[index]).sort()).toEqual([
          'created',
          'duplicate',
          'duplicate',
          'duplicate',
        ]);
      }
      expect(await t.db.$count(gapReports)).toBe(2);
    } finally {
      await other.close();
    }
  });
});

describeEachDatabase('gap report push rate limit', (database) => {
  const policy = { ...DEFAULT_POLICY, gapReportPushes: { limit: 60, windowSeconds: 600 } };
  const t = useTestApp(database, { policy });

  it('counts pushed reports per user and answers 429 with Retry-After, storing nothing of the refused batch', async () => {
    const eve = await t.caller('eve.eval', ['evaluator']);
    const otto = await t.caller('otto.eval', ['evaluator']);
    const batch = (from: number, size: number) => Array.from({ length: size }, (_, i) => gapReport(from + i));
    const send = (reports: unknown[], token = eve.token) =>
      t.request('POST', '/v1/sync/push', { token, json: { reports } });
    expect((await send(batch(1, 50))).status).toBe(200);
    const refused = await send(batch(51, 11));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(ApiErrorBody.parse(await refused.json()).error.message).toMatch(
      /^too many gap reports: at most 60 per 600 s/,
    );
    expect(await t.db.$count(gapReports)).toBe(50);
    // The rest of the budget is still there, and another user has their own.
    expect((await send(batch(51, 10))).status).toBe(200);
    expect((await send(batch(100, 50), otto.token)).status).toBe(200);
    expect(await t.db.$count(gapReports)).toBe(110);
  });
});
