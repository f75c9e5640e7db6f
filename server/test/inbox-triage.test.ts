import { eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import {
  DuplicatesResponse,
  GapReportSyncResponse,
  InboxBulkResponse,
  InboxDetail,
  MergeResponse,
  type GapReportContext,
} from '../../contract';
import { gapReports } from '../db/schema';
import { DEFAULT_POLICY } from '../policy';
import { describeEachDatabase } from './databases';
import { gapReport, reportId } from './gap-fixtures';
import { useTestApp, type Caller } from './harness';
import { errorOf, file } from './inbox-fixtures';

/*
 * The inbox's writes and the report view: bulk changes, likely duplicates, merging, and the
 * reporter of a merged report following the surviving one through their ordinary pull.
 */

// One instant for the whole file: the write limit's window cannot roll over in the middle of a test.
const NOW = new Date();

describeEachDatabase('triage inbox writes', (database) => {
  const t = useTestApp(database, {
    policy: { ...DEFAULT_POLICY, inboxWrites: { limit: 600, windowSeconds: 60 } },
    now: () => NOW,
  });
  let eve: Caller;
  let otto: Caller;
  let ana: Caller;

  beforeEach(async () => {
    eve = await t.caller('eve.eval', ['evaluator']);
    otto = await t.caller('otto.eval', ['evaluator']);
    ana = await t.caller('ana.analyst', ['analyst']);
  });

  const bulk = (body: unknown) => t.request('POST', '/v1/gap-reports/bulk', { token: ana.token, json: body });
  const merge = (id: string, duplicates: string[]) =>
    t.request('POST', `/v1/gap-reports/${id}/merge`, { token: ana.token, json: { duplicates } });
  const detail = async (id: string) => {
    const res = await t.request('GET', `/v1/gap-reports/${id}`, { token: ana.token });
    expect(res.status, await res.clone().text()).toBe(200);
    return InboxDetail.parse(await res.json());
  };
  const pull = async (token: string, since = 0) => {
    const res = await t.request('GET', `/v1/sync/gap-reports?since=${since}`, { token });
    expect(res.status).toBe(200);
    return GapReportSyncResponse.parse(await res.json());
  };
  const comment = (id: string, n: number, body: string) =>
    t.request('POST', `/v1/gap-reports/${id}/comments`, { token: ana.token, json: { id: reportId(900 + n), body } });
  const revisionOf = async (n: number) =>
    (
      await t.db
        .select({ revision: gapReports.revision })
        .from(gapReports)
        .where(eq(gapReports.id, reportId(n)))
    )[0]!.revision;

  it('changes status and assignee of many reports at once, one history row per real change, and their reporters pull it', async () => {
    await file(t.db, 'eve.eval', [gapReport(1), gapReport(2), gapReport(3)]);
    await t.db
      .update(gapReports)
      .set({ status: 'triaged' })
      .where(eq(gapReports.id, reportId(2)));
    const { nextCursor } = await pull(eve.token);
    const before = await revisionOf(3);

    const res = await bulk({ ids: [reportId(2), reportId(1)], status: 'triaged', assignee: 'ana.analyst' });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = InboxBulkResponse.parse(await res.json());
    expect(body.updated).toBe(2);
    expect(body.reports.map((r) => [r.id, r.status, r.assignee?.id])).toEqual([
      [reportId(2), 'triaged', 'ana.analyst'],
      [reportId(1), 'triaged', 'ana.analyst'],
    ]);
    // Report 2 was already triaged: only its assignee changed.
    expect((await detail(reportId(2))).history.map((h) => [h.action, h.from, h.to, h.actor.id])).toEqual([
      ['assignee', null, 'ana.analyst', 'ana.analyst'],
    ]);
    expect((await detail(reportId(1))).history.map((h) => [h.action, h.from, h.to])).toEqual([
      ['status', 'new', 'triaged'],
      ['assignee', null, 'ana.analyst'],
    ]);
    expect(await revisionOf(3)).toBe(before);
    const pulled = await pull(eve.token, Number(nextCursor));
    expect(pulled.reports.map((r) => r.id).sort()).toEqual([reportId(1), reportId(2)]);

    // The same change again is a no-op: nothing counted, no history, no new revision.
    const revision = await revisionOf(1);
    const again = InboxBulkResponse.parse(
      await (await bulk({ ids: [reportId(1)], status: 'triaged', assignee: 'ana.analyst' })).json(),
    );
    expect(again.updated).toBe(0);
    expect(await revisionOf(1)).toBe(revision);
    // null unassigns.
    const unassigned = InboxBulkResponse.parse(await (await bulk({ ids: [reportId(1)], assignee: null })).json());
    expect(unassigned.reports[0]!.assignee).toBeNull();
  });

  it('changes nothing when one id is unknown, the assignee is unknown, or the request is malformed', async () => {
    await file(t.db, 'eve.eval', [gapReport(1)]);
    const unknown = await errorOf(await bulk({ ids: [reportId(1), reportId(77)], status: 'resolved' }), 404);
    expect(unknown.details).toEqual([{ path: 'ids.1', message: `no gap report ${reportId(77)}` }]);
    const nobody = await errorOf(await bulk({ ids: [reportId(1)], assignee: 'nobody' }), 400);
    expect(nobody.details).toEqual([{ path: 'assignee', message: 'no user with that id to assign' }]);
    await errorOf(await bulk({ ids: [reportId(1)] }), 400);
    await errorOf(await bulk({ ids: [], status: 'resolved' }), 400);
    await errorOf(await bulk({ ids: [reportId(1), reportId(1)], status: 'resolved' }), 400);
    const tooMany = Array.from({ length: 501 }, (_, i) => reportId(i + 1));
    expect((await errorOf(await bulk({ ids: tooMany, status: 'resolved' }), 400)).details?.[0]?.path).toBe('ids');
    const [row] = await t.db.select().from(gapReports);
    expect(row).toMatchObject({ status: 'new', assignee: null });
    expect((await detail(reportId(1))).history).toEqual([]);
  });

  it('counts bulk changes against a per-analyst limit, answering 429 with Retry-After', async () => {
    await file(
      t.db,
      'eve.eval',
      Array.from({ length: 50 }, (_, i) => gapReport(i + 1)),
    );
    const ids = Array.from({ length: 50 }, (_, i) => reportId(i + 1));
    for (let round = 0; round < 12; round += 1) {
      expect((await bulk({ ids, status: round % 2 ? 'new' : 'triaged' })).status).toBe(200);
    }
    const res = await bulk({ ids, status: 'resolved' });
    await errorOf(res.clone(), 429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('ranks likely duplicates: same section or item, not merged, most alike text first, Chinese included', async () => {
    const section = (sectionId: string, item: number): GapReportContext => ({
      site: 'demo-moderation',
      itemKey: `item-${item}`,
      guideline: { guidelineId: 'moderation-handbook', version: 'mod-2026.3', sectionId },
    });
    await file(t.db, 'eve.eval', [
      gapReport(1, { note: 'Does satire count as misinformation under section 5.3?', context: section('misinfo', 1) }),
      // Same section, almost the same words (and a typo).
      gapReport(2, {
        note: 'Is satrie counted as misinformation? Section 5.3 is unclear',
        context: section('misinfo', 2),
      }),
      // Same section, unrelated text.
      gapReport(3, { note: 'The appeal button is hard to find', context: section('misinfo', 3) }),
      // Same item, another section, similar words.
      gapReport(4, {
        note: 'satire and misinformation overlap',
        context: section('hate', 1),
      }),
      // Similar text but neither the same section nor the same item: not a candidate.
      gapReport(5, { note: 'Does satire count as misinformation under section 5.3?', context: section('spam', 5) }),
      // Same section and text, but already merged elsewhere.
      gapReport(6, { note: 'Does satire count as misinformation?', context: section('misinfo', 6) }),
      gapReport(7, { note: 'Chinese satire: 讽刺内容是否算虚假信息', context: section('misinfo', 7) }),
    ]);
    await t.db
      .update(gapReports)
      .set({ duplicateOf: reportId(3) })
      .where(eq(gapReports.id, reportId(6)));

    const res = await t.request('GET', `/v1/gap-reports/${reportId(1)}/duplicates`, { token: ana.token });
    expect(res.status).toBe(200);
    const { candidates } = DuplicatesResponse.parse(await res.json());
    expect(candidates.map((c) => c.report.id)).toEqual([2, 4, 7, 3].map(reportId));
    expect(candidates.map((c) => c.reasons)).toEqual([
      ['same_section', 'similar_text'],
      ['same_item', 'similar_text'],
      ['same_section', 'similar_text'],
      ['same_section'],
    ]);
    expect(candidates[0]!.score).toBeGreaterThan(candidates[1]!.score);
    expect(candidates[3]!.score).toBe(0);

    // Chinese has no spaces: character pairs still find the near-identical sentence.
    await file(t.db, 'otto.eval', [
      gapReport(8, { note: '讽刺内容是否算作虚假信息？', context: section('misinfo', 8) }),
      gapReport(9, { note: '申诉按钮很难找到', context: section('misinfo', 9) }),
    ]);
    const chinese = DuplicatesResponse.parse(
      await (await t.request('GET', `/v1/gap-reports/${reportId(8)}/duplicates`, { token: ana.token })).json(),
    );
    expect(chinese.candidates[0]!.report.id).toBe(reportId(7));
    expect(chinese.candidates.find((c) => c.report.id === reportId(9))!.score).toBe(0);

    await errorOf(await t.request('GET', `/v1/gap-reports/${reportId(99)}/duplicates`, { token: ana.token }), 404);
  });

  it('merges duplicates: history on both sides, the survivor lists them, and a retry changes nothing', async () => {
    await file(t.db, 'eve.eval', [gapReport(1), gapReport(2)]);
    await file(t.db, 'otto.eval', [gapReport(3)]);
    await t.db
      .update(gapReports)
      .set({ status: 'in_progress' })
      .where(eq(gapReports.id, reportId(1)));

    const res = await merge(reportId(1), [reportId(2), reportId(3)]);
    expect(res.status, await res.clone().text()).toBe(200);
    const merged = MergeResponse.parse(await res.json());
    expect(merged.report).toMatchObject({ id: reportId(1), mergedCount: 2, duplicateOf: null });
    expect(merged.merged.map((r) => [r.id, r.duplicateOf, r.status])).toEqual([
      [reportId(3), reportId(1), 'in_progress'],
      [reportId(2), reportId(1), 'in_progress'],
    ]);
    const survivor = await detail(reportId(1));
    expect(survivor.history.map((h) => [h.action, h.to])).toEqual([
      ['merged', reportId(2)],
      ['merged', reportId(3)],
    ]);
    expect(survivor.merged.map((r) => r.id)).toEqual([reportId(3), reportId(2)]);
    expect((await detail(reportId(3))).history.map((h) => [h.action, h.from, h.to])).toEqual([
      ['duplicate_of', null, reportId(1)],
      ['status', 'new', 'in_progress'],
    ]);

    const revision = await revisionOf(3);
    expect((await merge(reportId(1), [reportId(3)])).status).toBe(200);
    expect(await revisionOf(3)).toBe(revision);
    expect((await detail(reportId(1))).history).toHaveLength(2);
  });

  it('never chains merges: into a merged report is 409, into itself 400, and a merged report’s own merges move along', async () => {
    await file(
      t.db,
      'eve.eval',
      [1, 2, 3, 4].map((n) => gapReport(n)),
    );
    expect((await merge(reportId(2), [reportId(3)])).status).toBe(200);

    const intoMerged = await errorOf(await merge(reportId(3), [reportId(4)]), 409);
    expect(intoMerged.message).toContain(`merged into ${reportId(2)}`);
    const self = await errorOf(await merge(reportId(1), [reportId(4), reportId(1)]), 400);
    expect(self.details).toEqual([{ path: 'duplicates.1', message: 'a report cannot be merged into itself' }]);
    const unknown = await errorOf(await merge(reportId(1), [reportId(4), reportId(50)]), 404);
    expect(unknown.details?.map((d) => d.path)).toEqual(['duplicates.1']);
    await errorOf(await merge(reportId(50), [reportId(4)]), 404);

    // 2 (with 3 merged into it) goes into 1: 3 moves to 1 too, so no report points at a merged one.
    expect((await merge(reportId(1), [reportId(2)])).status).toBe(200);
    const rows = await t.db.select({ id: gapReports.id, duplicateOf: gapReports.duplicateOf }).from(gapReports);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.duplicateOf]))).toEqual({
      [reportId(1)]: null,
      [reportId(2)]: reportId(1),
      [reportId(3)]: reportId(1),
      [reportId(4)]: null,
    });
    expect(
      (await detail(reportId(3))).history.filter((h) => h.action === 'duplicate_of').map((h) => [h.from, h.to]),
    ).toEqual([
      [null, reportId(2)],
      [reportId(2), reportId(1)],
    ]);
  });

  it('lets a merged report’s reporter follow the survivor: its status and comments reach them through their own pull', async () => {
    await file(t.db, 'otto.eval', [gapReport(1)]);
    await file(t.db, 'eve.eval', [gapReport(2)]);
    expect((await comment(reportId(2), 1, 'Looking at your report.')).status).toBe(201);
    expect((await comment(reportId(1), 2, 'Satire is covered in 5.3 from next week.')).status).toBe(201);
    expect((await merge(reportId(1), [reportId(2)])).status).toBe(200);

    const afterMerge = await pull(eve.token);
    const [record] = afterMerge.reports;
    expect(record).toMatchObject({ id: reportId(2), duplicateOf: reportId(1), status: 'new' });
    expect(record!.comments.map((c) => c.body)).toEqual([
      'Looking at your report.',
      'Satire is covered in 5.3 from next week.',
    ]);

    // A status change of the survivor reaches the merged report's reporter with a new revision.
    const patched = await t.request('PATCH', `/v1/gap-reports/${reportId(1)}`, {
      token: ana.token,
      json: { status: 'resolved' },
    });
    expect(patched.status).toBe(200);
    const afterStatus = await pull(eve.token, Number(afterMerge.nextCursor));
    expect(afterStatus.reports.map((r) => [r.id, r.status])).toEqual([[reportId(2), 'resolved']]);
    expect((await detail(reportId(2))).history.at(-1)).toMatchObject({ action: 'status', from: 'new', to: 'resolved' });

    // So does a comment on the survivor, and a bulk change of it.
    expect((await comment(reportId(1), 3, 'Published in mod-2026.4.')).status).toBe(201);
    const afterComment = await pull(eve.token, Number(afterStatus.nextCursor));
    expect(afterComment.reports[0]!.comments.map((c) => c.body).at(-1)).toBe('Published in mod-2026.4.');
    expect((await bulk({ ids: [reportId(1)], status: 'wont_fix' })).status).toBe(200);
    const afterBulk = await pull(eve.token, Number(afterComment.nextCursor));
    expect(afterBulk.reports.map((r) => r.status)).toEqual(['wont_fix']);

    // The report view keeps a merged report's own comments apart from the survivor's.
    expect((await detail(reportId(2))).comments.map((c) => c.body)).toEqual(['Looking at your report.']);
    // The survivor's own reporter sees none of the merged report's comments.
    expect((await pull(otto.token)).reports[0]!.comments.map((c) => c.body)).toEqual([
      'Satire is covered in 5.3 from next week.',
      'Published in mod-2026.4.',
    ]);
  });

  it('refuses a status change of a merged report itself: it follows its survivor', async () => {
    await file(t.db, 'eve.eval', [gapReport(1), gapReport(2)]);
    expect((await merge(reportId(1), [reportId(2)])).status).toBe(200);
    const patch = await t.request('PATCH', `/v1/gap-reports/${reportId(2)}`, {
      token: ana.token,
      json: { status: 'resolved' },
    });
    expect((await errorOf(patch, 409)).message).toContain(`merged into ${reportId(1)}`);
    const viaBulk = await errorOf(await bulk({ ids: [reportId(1), reportId(2)], status: 'resolved' }), 409);
    expect(viaBulk.details?.map((d) => d.path)).toEqual(['ids.1']);
    // Its assignee is its own.
    expect((await bulk({ ids: [reportId(2)], assignee: 'ana.analyst' })).status).toBe(200);
    const statuses = await t.db.select({ status: gapReports.status }).from(gapReports);
    expect(statuses.map((s) => s.status)).toEqual(['new', 'new']);
  });

  it('shows one report in full: record, own comments, history and merged reports; 404 for an unknown id', async () => {
    await file(t.db, 'eve.eval', [gapReport(1), gapReport(2)]);
    expect((await comment(reportId(1), 1, 'Noted.')).status).toBe(201);
    expect((await merge(reportId(1), [reportId(2)])).status).toBe(200);
    const view = await detail(reportId(1));
    expect(view.report).toMatchObject({
      id: reportId(1),
      reporter: { id: 'eve.eval', role: 'evaluator' },
      mergedCount: 1,
    });
    expect(view.comments.map((c) => [c.body, c.author.id])).toEqual([['Noted.', 'ana.analyst']]);
    expect(view.history.map((h) => h.action)).toEqual(['comment', 'merged']);
    expect(view.merged.map((r) => r.id)).toEqual([reportId(2)]);
    await errorOf(await t.request('GET', `/v1/gap-reports/${reportId(3)}`, { token: ana.token }), 404);
  });
});
