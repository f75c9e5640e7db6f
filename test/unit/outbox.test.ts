import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SYNC_PUSH_MAX } from '../../contract';
import { AppDB } from '../../utils/db/app-db';
import { createReport } from '../../utils/reports/create-report';
import { reportOutbox } from '../../utils/reports/report-outbox';
import { discardDraft, loadDraft, saveDraft } from '../../utils/reports/report-drafts';
import { ReportRefused, type NewGapReport } from '../../utils/reports/report-input';
import { pendingCount, reportsOf, screenshotOf } from '../../utils/reports/report-queries';
import { bytesToBase64 } from '../../utils/reports/screenshot-bytes';
import { authState } from '../../utils/settings';
import { readBatch } from '../../utils/sync/outbox-reader';
import { pushOutbox } from '../../utils/sync/pusher';
import { closeWithTwin, strictConnection } from '../../utils/sync/strict-db';
import { fakeReportApi, OWNER } from './report-sync-fake-api';

const report = (overrides: Partial<NewGapReport> = {}): NewGapReport => ({
  type: 'unclear',
  severity: 'medium',
  note: 'Section 4.2 does not say whether satire counts as hate speech.',
  context: {
    pageUrl: 'http://localhost:8788/moderation/queues/videos',
    site: 'demo-moderation',
    itemKey: 'VID-00042',
    selection: 'satirical content',
    guideline: { guidelineId: 'mod-handbook', version: '2026.3', sectionId: 'hate-speech' },
  },
  ...overrides,
});

/** A PNG of `size` bytes as far as the contract checks (its magic bytes), as base64. */
function png(size: number): string {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < size; i += 1) bytes[i] = (i * 7919) % 251;
  return bytesToBase64(bytes);
}

describe('createReport', () => {
  let db: AppDB;
  const kick = vi.fn();
  const create = (input: NewGapReport = report(), options = {}) =>
    createReport(db, input, { ownerId: OWNER.id, kick, ...options });

  beforeEach(() => {
    db = new AppDB(`outbox-${Math.random()}`);
    kick.mockReset();
  });
  afterEach(async () => {
    closeWithTwin(db);
    await Dexie.delete(db.name);
  });

  it('writes the report and its outbox entry in one strict-durability transaction, then asks for a sync', async () => {
    const durabilities: string[] = [];
    const strict = strictConnection(db);
    strict.gapReports.hook('creating', (_key, _row, transaction) => {
      durabilities.push((transaction as unknown as { idbtrans: IDBTransaction }).idbtrans.durability);
    });
    strict.outbox.hook('creating', (_key, _row, transaction) => {
      durabilities.push((transaction as unknown as { idbtrans: IDBTransaction }).idbtrans.durability);
    });

    const saved = await create(report(), { newId: () => '0196a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b' });

    expect(durabilities).toEqual(['strict', 'strict']);
    expect(saved).toMatchObject({ id: '0196a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b', localState: 'pending', revision: 0 });
    expect(await db.gapReports.get(saved.id)).toEqual(saved);
    expect(await db.outbox.toArray()).toEqual([
      { collection: 'gapReports', id: saved.id, ownerId: OWNER.id, attempts: 0, nextAttemptAt: 0, lastError: null },
    ]);
    expect(kick).toHaveBeenCalledTimes(1);
  });

  it('makes a lowercase UUIDv7 per report, in creation order', async () => {
    const first = await create();
    const second = await create();
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.id < second.id).toBe(true);
  });

  it('keeps a report and its outbox entry across a browser restart, and delivers it afterwards', async () => {
    const saved = await create();
    closeWithTwin(db);

    db = new AppDB(db.name);
    expect(await db.gapReports.get(saved.id)).toMatchObject({ note: saved.note, localState: 'pending' });
    expect(await db.outbox.count()).toBe(1);

    const server = fakeReportApi();
    await pushOutbox(db, server.api, OWNER.id);
    expect(server.stored.has(saved.id)).toBe(true);
    expect(await db.gapReports.get(saved.id)).toMatchObject({ localState: 'sent', revision: 1 });
    expect(await db.outbox.count()).toBe(0);
  });

  it.each([
    ['note', report({ note: '   ' }), 'the note is empty'],
    ['note', report({ note: 'a\u0000b' }), 'NUL'],
    ['note', report({ note: 'x'.repeat(4001) }), '4000'],
    ['context.pageUrl', report({ context: { pageUrl: 'javascript:alert(1)' } }), 'http(s) URL'],
    ['context.selection', report({ context: { selection: 'broken \ud800 surrogate' } }), 'surrogate'],
    ['severity', { ...report(), severity: 'urgent' as never }, ''],
    [
      'screenshot.data',
      report({ screenshot: { mime: 'image/jpeg', data: png(64), width: 10, height: 10 } }),
      'not a JPEG',
    ],
  ])('refuses a bad %s, says why, and writes nothing', async (path, input, why) => {
    const refusal = await create(input).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ReportRefused);
    expect((refusal as ReportRefused).details).toEqual([{ path, message: expect.stringContaining(why) }]);
    expect(await db.gapReports.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(kick).not.toHaveBeenCalled();
  });

  it('refuses a report when nobody is signed in, and writes it as the signed-in user otherwise', async () => {
    const signedOut = await createReport(db, report(), { kick }).catch((error: unknown) => error);
    expect((signedOut as ReportRefused).details).toEqual([
      { path: '(session)', message: expect.stringContaining('sign in') },
    ]);

    await authState.setValue({ user: { ...OWNER, roles: ['evaluator'] }, signedInAt: '2026-05-01T09:00:00Z' });
    const saved = await createReport(db, report(), { kick });
    expect(saved.ownerId).toBe(OWNER.id);
  });

  it('keeps the screenshot as bytes in its own table, and pushes the same base64 it was given', async () => {
    const data = png(300_000);
    const saved = await create(report({ screenshot: { mime: 'image/png', data, width: 1280, height: 800 } }));

    const [listed] = await reportsOf(db, OWNER.id);
    expect(listed).toMatchObject({ id: saved.id, hasScreenshot: true });
    expect(listed).not.toHaveProperty('screenshot');
    const stored = await db.reportScreenshots.get(saved.id);
    expect(stored?.bytes.byteLength).toBe(300_000);
    expect((await screenshotOf(db, saved.id))?.type).toBe('image/png');

    const [item] = await readBatch(db, reportOutbox, OWNER.id, Date.now());
    expect(item?.input.screenshot).toEqual({ mime: 'image/png', data, width: 1280, height: 800 });
  });

  it('reads batches of at most 50 reports', async () => {
    for (let i = 0; i < SYNC_PUSH_MAX + 5; i += 1) await create();
    const batch = await readBatch(db, reportOutbox, OWNER.id, Date.now());
    expect(batch).toHaveLength(SYNC_PUSH_MAX);
    const ids = batch.map((item) => item.entry.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('reads batches of about 4 MB: three 1 MiB screenshots go two, then one', async () => {
    const shot = { mime: 'image/png' as const, data: png(1024 * 1024), width: 2000, height: 1000 };
    for (let i = 0; i < 3; i += 1) await create(report({ screenshot: shot }));

    const first = await readBatch(db, reportOutbox, OWNER.id, Date.now());
    expect(first).toHaveLength(2);
    expect(first.reduce((sum, item) => sum + item.bytes, 0)).toBeLessThanOrEqual(4 * 1024 * 1024);

    const server = fakeReportApi();
    await pushOutbox(db, server.api, OWNER.id);
    expect(server.pushes().map((ids) => ids.length)).toEqual([2, 1]);
  });

  it('pushes only the signed-in owner’s reports and lists only theirs', async () => {
    await create();
    await create(report(), { ownerId: 'someone.else' });

    const server = fakeReportApi();
    await pushOutbox(db, server.api, OWNER.id);
    expect(server.pushes().flat()).toHaveLength(1);
    expect(await reportsOf(db, OWNER.id)).toHaveLength(1);
    expect(await pendingCount(db, 'someone.else')).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('report drafts', () => {
  let db: AppDB;
  beforeEach(() => {
    db = new AppDB(`drafts-${Math.random()}`);
  });
  afterEach(async () => {
    closeWithTwin(db);
    await Dexie.delete(db.name);
  });

  it('survive a restart, and leave with the report created from them', async () => {
    await saveDraft(db, 'item:demo-moderation/VID-00042', { note: 'half a thought', type: 'unclear' });
    closeWithTwin(db);
    db = new AppDB(db.name);
    expect((await loadDraft(db, 'item:demo-moderation/VID-00042'))?.value).toEqual({
      note: 'half a thought',
      type: 'unclear',
    });

    await createReport(db, report(), { ownerId: OWNER.id, kick: () => {}, draftKey: 'item:demo-moderation/VID-00042' });
    expect(await loadDraft(db, 'item:demo-moderation/VID-00042')).toBeUndefined();
  });

  it('stay when the report is refused, and go on Discard', async () => {
    await saveDraft(db, 'k', { note: '' });
    await createReport(db, report({ note: '' }), { ownerId: OWNER.id, kick: () => {}, draftKey: 'k' }).catch(() => {});
    expect(await loadDraft(db, 'k')).toBeDefined();
    await discardDraft(db, 'k');
    expect(await loadDraft(db, 'k')).toBeUndefined();
  });

  it('keep the 50 most recently saved', async () => {
    let t = 0;
    for (let i = 0; i < 52; i += 1) await saveDraft(db, `d${i}`, {}, () => ++t);
    expect(await db.reportDrafts.count()).toBe(50);
    expect(await loadDraft(db, 'd0')).toBeUndefined();
    expect(await loadDraft(db, 'd1')).toBeUndefined();
    expect(await loadDraft(db, 'd51')).toBeDefined();
  });
});
