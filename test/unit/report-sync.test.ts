import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDB } from '../../utils/db/app-db';
import { createReport } from '../../utils/reports/create-report';
import type { NewGapReport } from '../../utils/reports/report-input';
import { MIN_PAUSE_MS, PUSH_BACKOFF } from '../../utils/sync/push-pause';
import { nextPushIn, pushOutbox } from '../../utils/sync/pusher';
import { pullReports } from '../../utils/sync/puller';
import { syncReports } from '../../utils/sync/report-sync';
import { onStatusChanged } from '../../utils/sync/status-changes';
import { closeWithTwin } from '../../utils/sync/strict-db';
import { fakeReportApi, OWNER, type FakeReportApi } from './report-sync-fake-api';

const DAY = 24 * 60 * 60_000;
const note = (text: string): NewGapReport => ({ type: 'missing', severity: 'high', note: text });

describe('report sync', () => {
  let db: AppDB;
  let server: FakeReportApi;
  /** This device's clock, moved by the tests. */
  let t: number;
  const now = () => t;
  let random: () => number;
  const deps = () => ({ now, random });
  const create = (text = 'The SOP says nothing about live streams.') =>
    createReport(db, note(text), { ownerId: OWNER.id, kick: () => {}, now });
  const sync = () => syncReports(db, server.api, OWNER.id, deps());

  beforeEach(() => {
    db = new AppDB(`report-sync-${Math.random()}`);
    server = fakeReportApi();
    t = Date.parse('2026-05-01T10:00:00Z');
    random = () => 0.5;
  });
  afterEach(async () => {
    closeWithTwin(db);
    await Dexie.delete(db.name);
  });

  it('retries a push whose answer was lost; the API answers duplicate and the report is stored once', async () => {
    const report = await create();
    server.failNext('lost-response');

    const first = await sync();
    expect(first.stoppedBy).toContain('Cannot reach');
    expect(server.stored.size).toBe(1);
    expect(await db.gapReports.get(report.id)).toMatchObject({ localState: 'pending' });
    expect(await db.outbox.get(['gapReports', report.id])).toMatchObject({
      attempts: 1,
      lastError: expect.stringContaining('Cannot reach'),
    });

    t += first.nextPushInMs!;
    const second = await sync();
    expect(second).toMatchObject({ created: 0, duplicate: 1, stoppedBy: null });
    expect(server.pushes()).toEqual([[report.id], [report.id]]);
    expect(server.stored.size).toBe(1);
    expect(await db.gapReports.toArray()).toEqual([
      expect.objectContaining({ id: report.id, localState: 'sent', revision: 1 }),
    ]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('takes a rejected report out of the outbox with the reason, and never pushes it again', async () => {
    const report = await create();
    // Someone already stored this id with other content: the API refuses, and a retry cannot help.
    server.stored.set(report.id, { record: {} as never, content: 'other content' });
    const other = await create('Another gap.');

    const summary = await sync();
    expect(summary).toMatchObject({ created: 1, rejected: 1 });
    expect(await db.gapReports.get(report.id)).toMatchObject({
      localState: 'rejected',
      rejection: { code: 'id_conflict', message: 'this id is already stored with other content', details: [] },
    });
    expect(await db.gapReports.get(other.id)).toMatchObject({ localState: 'sent' });
    expect(await db.outbox.count()).toBe(0);

    await sync();
    expect(server.pushes()).toEqual([[report.id, other.id]]);
  });

  it('finds the one report the API refuses as a whole request by halving the batch, and sends the rest', async () => {
    const reports = [];
    for (let i = 0; i < 5; i += 1) reports.push(await create(i === 3 ? 'POISON' : `Gap ${i}`));
    server.refuseBodiesContaining('POISON');

    const summary = await sync();
    expect(summary).toMatchObject({ created: 4, rejected: 1, stoppedBy: null });
    expect(await db.gapReports.get(reports[3]!.id)).toMatchObject({
      localState: 'rejected',
      rejection: { code: 'refused', message: 'the API cannot take "POISON"' },
    });
    expect(server.stored.size).toBe(4);
    expect(await db.outbox.count()).toBe(0);
  });

  it('waits as long as a 429 says (Retry-After seconds), for the whole outbox', async () => {
    await create();
    server.failNext({ status: 429, headers: { 'Retry-After': '7' } });

    const first = await sync();
    expect(first.stoppedBy).toContain('HTTP 429');
    expect(first.nextPushInMs).toBe(7_000);
    // A report written meanwhile waits too: the API asked this client to wait, not that report.
    await create('Written during the pause.');

    t += 6_999;
    expect(await sync()).toMatchObject({ created: 0, stoppedBy: expect.any(String) });
    expect(server.pushes()).toHaveLength(1);

    t += 1;
    expect(await sync()).toMatchObject({ created: 2, stoppedBy: null });
    expect(server.pushes()).toHaveLength(2);
    // A 429 is no failure of the report: its attempt count did not grow.
    expect(await db.outbox.count()).toBe(0);
  });

  it('reads a Retry-After date against the server’s Date header, not this device’s clock a day off', async () => {
    await create();
    t += DAY;
    const serverNow = new Date('2026-05-01T10:00:00Z');
    server.failNext({
      status: 429,
      headers: {
        'Retry-After': new Date(serverNow.getTime() + 120_000).toUTCString(),
        Date: serverNow.toUTCString(),
      },
    });
    const first = await sync();
    expect(first.nextPushInMs).toBe(120_000);
  });

  it('backs off 5xx with full jitter: within [1 s, ceiling], the ceiling doubling per failure', async () => {
    const report = await create();
    const waits: number[] = [];
    for (const [failure, r] of [0, 0.999_999, 0, 0.999_999, 0.5].entries()) {
      random = () => r;
      server.failNext({ status: 503 });
      const summary = await sync();
      expect(summary.stoppedBy).toBe('HTTP 503: HTTP 503');
      // No request goes out before the wait is over.
      t += summary.nextPushInMs! - 1;
      expect((await sync()).stoppedBy).toBe('waiting after a failed push');
      expect(server.pushes()).toHaveLength(failure + 1);
      t += 1;
      waits.push(summary.nextPushInMs!);
    }
    const ceiling = (failure: number) => Math.min(PUSH_BACKOFF.capMs, PUSH_BACKOFF.baseMs * 2 ** failure);
    expect(waits[0]).toBe(MIN_PAUSE_MS);
    expect(waits[1]).toBe(ceiling(1) - 1);
    expect(waits[2]).toBe(MIN_PAUSE_MS);
    expect(waits[3]).toBe(ceiling(3) - 1);
    expect(waits[4]).toBe(ceiling(4) / 2);
    expect(await db.outbox.get(['gapReports', report.id])).toMatchObject({
      attempts: 5,
      lastError: 'HTTP 503: HTTP 503',
    });

    expect(await sync()).toMatchObject({ created: 1, stoppedBy: null });
    expect(await db.outbox.count()).toBe(0);
  });

  it('never waits past the backoff cap, however many failures', async () => {
    await create();
    random = () => 0.999_999;
    for (let i = 0; i < 25; i += 1) {
      server.failNext('network');
      const { nextPushInMs } = await sync();
      expect(nextPushInMs).toBeLessThan(PUSH_BACKOFF.capMs);
      t += nextPushInMs!;
    }
    expect((await sync()).created).toBe(1);
  });

  it('advances the pull cursor page by page, and after a crash between pages resumes from the saved one', async () => {
    for (let i = 0; i < 5; i += 1) await create(`Gap ${i}`);
    await pushOutbox(db, server.api, OWNER.id, deps());
    // A fresh install for the same user: every row below comes from the pull.
    await db.gapReports.clear();
    const cursor = async () => (await db.meta.get(`gapReportsCursor:${OWNER.id}`))?.value;
    const pulls = () =>
      server.requests.filter((r) => r.path === '/v1/sync/gap-reports').map((r) => r.params.get('since'));

    // Page one arrives; the request for page two dies with the worker.
    server.failNext(null, 'network');
    await expect(pullReports(db, server.api, OWNER.id, { pageSize: 2 })).rejects.toThrow('Cannot reach');
    expect(pulls()).toEqual([null, '2']);
    expect(await cursor()).toBe('2');
    expect(await db.gapReports.count()).toBe(2);

    // The next worker starts from the saved cursor, not from the beginning.
    await pullReports(db, server.api, OWNER.id, { pageSize: 2 });
    expect(pulls()).toEqual([null, '2', '2', '4']);
    expect(await cursor()).toBe('5');
    expect((await db.gapReports.toArray()).map((r) => [r.note, r.localState, r.status, r.revision])).toEqual([
      ['Gap 0', 'sent', 'new', 1],
      ['Gap 1', 'sent', 'new', 2],
      ['Gap 2', 'sent', 'new', 3],
      ['Gap 3', 'sent', 'new', 4],
      ['Gap 4', 'sent', 'new', 5],
    ]);
  });

  it('merges statuses and comments, and tells onStatusChanged about each change once', async () => {
    const report = await create();
    const heard: { id: string; previousStatus: string | null; status: string | null; comments: string[] }[] = [];
    const stop = onStatusChanged((changes) => {
      for (const c of changes) {
        heard.push({
          id: c.report.id,
          previousStatus: c.previousStatus,
          status: c.report.status,
          comments: c.newComments.map((x) => x.body),
        });
      }
    });
    try {
      await sync(); // pushed, then pulled as "new": nothing to tell
      expect(heard).toEqual([]);

      server.setStatus(report.id, 'triaged');
      server.comment(report.id, 'Thanks, we are rewording §4.2.', '0196a1b2-c3d4-7e5f-8a6b-000000000001');
      server.comment(report.id, 'My own follow-up.', '0196a1b2-c3d4-7e5f-8a6b-000000000002', OWNER);
      const summary = await sync();
      expect(heard).toEqual([
        { id: report.id, previousStatus: 'new', status: 'triaged', comments: ['Thanks, we are rewording §4.2.'] },
      ]);
      expect(summary.changes).toHaveLength(1);
      expect(await db.gapReports.get(report.id)).toMatchObject({ status: 'triaged', revision: 4 });
      expect((await db.gapReports.get(report.id))?.comments).toHaveLength(2);

      await sync();
      expect(heard).toHaveLength(1);
    } finally {
      stop();
    }
  });

  it('takes a pulled report as the answer to a push that was lost, and drops its outbox entry', async () => {
    const report = await create();
    server.failNext('lost-response');
    await pushOutbox(db, server.api, OWNER.id, deps());
    expect(await db.outbox.count()).toBe(1);

    await pullReports(db, server.api, OWNER.id);
    expect(await db.gapReports.get(report.id)).toMatchObject({ localState: 'sent', revision: 1, status: 'new' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('retries a report the answer left out on its own backoff, and a clock put back a day does not strand it', async () => {
    t += DAY;
    await create('Answered.');
    const unanswered = await create('Left out of the answer.');
    server.answerNextPushOnlyFor(1);

    // Push only: a pull would bring the report back and settle it (see the test above).
    expect(await pushOutbox(db, server.api, OWNER.id, deps())).toMatchObject({ created: 1, stoppedBy: null });
    const entry = await db.outbox.get(['gapReports', unanswered.id]);
    expect(entry).toMatchObject({ attempts: 1, lastError: 'the API did not answer for this report' });
    const wait = await nextPushIn(db, OWNER.id, t);
    expect(entry!.nextAttemptAt - t).toBe(wait);
    expect(wait).toBeGreaterThanOrEqual(1_000);

    // The clock is put right: the entry deferred under the wrong one is due now, not in a day.
    t -= DAY;
    expect(await nextPushIn(db, OWNER.id, t)).toBe(0);
    expect(await pushOutbox(db, server.api, OWNER.id, deps())).toMatchObject({ duplicate: 1, stoppedBy: null });
    expect(server.stored.size).toBe(2);
    expect(await db.outbox.count()).toBe(0);
  });

  it('changes nothing when the device clock is a day off, either way', async () => {
    t -= DAY;
    const behind = await create('Written a day "ago".');
    t += 2 * DAY;
    const ahead = await create('Written a day "ahead".');
    // Deferred while the clock ran a day ahead...
    server.failNext({ status: 503 });
    const failed = await sync();
    expect(failed.nextPushInMs).toBeGreaterThan(0);
    // ...and due as soon as the clock is put right, not a day later.
    t -= DAY;
    expect(await nextPushIn(db, OWNER.id, t)).toBe(0);
    const summary = await sync();
    expect(summary).toMatchObject({ created: 2, stoppedBy: null });
    expect(server.stored.size).toBe(2);
    t += DAY;
    await sync();
    // The pull asks by server cursor only: no device time in any request.
    const pulls = server.requests.filter((r) => r.method === 'GET');
    expect(pulls.map((r) => [...r.params.keys()].sort())).toEqual([['limit'], ['limit', 'since']]);
    expect(pulls[1]!.params.get('since')).toBe('2');
    expect((await db.gapReports.get(behind.id))?.localState).toBe('sent');
    expect((await db.gapReports.get(ahead.id))?.localState).toBe('sent');
  });
});
