import { parse } from 'csv-parse/sync';
import { eq, inArray } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { InboxFilters, QualityEventInput, type InboxQueryInput } from '../../contract';
import { gapReports } from '../db/schema';
import { importEvents } from '../import';
import { everyInboxReport } from '../inbox-query';
import { describeEachDatabase } from './databases';
import { eventRow } from './fixtures';
import { gapReport, reportId } from './gap-fixtures';
import { useTestApp, type Caller } from './harness';
import { errorOf, file, inboxPage, queryOf } from './inbox-fixtures';

/*
 * The triage inbox's list and export: every filter alone and together, each sort, keyset pages
 * that never repeat or skip a row, search in English and Chinese, and the CSV of a view.
 */

const HANDBOOK = { guidelineId: 'moderation-handbook', version: 'mod-2026.3', sectionId: 'misinfo', heading: '5.3' };

describeEachDatabase('triage inbox list', (database) => {
  const t = useTestApp(database);
  let ana: Caller;

  beforeEach(async () => {
    ana = await t.caller('ana.analyst', ['analyst']);
  });

  /** Ids of a view (reports numbered as in gap-fixtures), in the order the inbox gives them. */
  const numbers = async (query: InboxQueryInput | Record<string, string> = {}) =>
    (await inboxPage(t, ana.token, { limit: 200, ...query })).reports.map((report) =>
      Number.parseInt(report.id.slice(-12), 16),
    );

  /**
   * Five reports that differ in every filtered field: 1 and 5 by an evaluator about the same
   * section (5 merged into 1), 2 by a moderator on a search item whose queue and policy come from
   * its quality events, 3 in Chinese, 4 by an analyst with no context at all.
   */
  async function fileFive() {
    await t.caller('eve.eval', ['evaluator']);
    await t.caller('mo.mod', ['moderator', 'evaluator']);
    await importEvents(t.db, [
      QualityEventInput.parse(
        eventRow({ id: 'ev-old', site: 'demo-search', itemKey: 'q-7', queue: 'old', policy: 'old' }),
      ),
      QualityEventInput.parse(
        eventRow({
          id: 'ev-new',
          site: 'demo-search',
          itemKey: 'q-7',
          queue: 'search-eval',
          policy: 'relevance',
          occurredAt: '2025-01-01T00:00:00Z',
        }),
      ),
    ]);
    await file(t.db, 'eve.eval', [gapReport(1)], '2026-03-01T10:00:00Z');
    await file(
      t.db,
      'mo.mod',
      [
        gapReport(2, {
          type: 'missing',
          severity: 'high',
          note: 'Ranking rules ignore freshness entirely',
          context: {
            site: 'demo-search',
            itemKey: 'q-7',
            guideline: { guidelineId: 'search-guide', version: 'sg-1', sectionId: 'ranking', heading: 'Ranking' },
          },
        }),
      ],
      // 23:30 UTC is already the next day in Berlin.
      '2026-03-01T23:30:00Z',
    );
    await file(
      t.db,
      'eve.eval',
      [
        gapReport(3, {
          type: 'conflicting',
          severity: 'critical',
          note: '指南没有说明讽刺内容是否算作虚假信息',
          context: {
            site: 'demo-moderation',
            itemKey: 'item-43',
            fields: { queue: 'appeals' },
            selection: '讽刺与虚假信息',
            guideline: { ...HANDBOOK, version: 'mod-2026.4', sectionId: 'hate' },
          },
        }),
      ],
      '2026-03-05T12:00:00Z',
    );
    await file(
      t.db,
      'ana.analyst',
      [gapReport(4, { type: 'outdated', severity: 'low', note: 'Old screenshot covers 100% of_cases', context: {} })],
      '2026-03-10T08:00:00Z',
    );
    await file(
      t.db,
      'eve.eval',
      [gapReport(5, { note: 'Satire again: section 5.3 is silent' })],
      '2026-03-02T09:00:00Z',
    );
    await t.db
      .update(gapReports)
      .set({ status: 'triaged', assignee: 'ana.analyst' })
      .where(eq(gapReports.id, reportId(1)));
    await t.db
      .update(gapReports)
      .set({ status: 'triaged', duplicateOf: reportId(1) })
      .where(eq(gapReports.id, reportId(5)));
    await t.db
      .update(gapReports)
      .set({ status: 'resolved' })
      .where(eq(gapReports.id, reportId(2)));
  }

  it('shows every unmerged report newest first by default, each with reporter role, queue, policy and merged count', async () => {
    await fileFive();
    const page = await inboxPage(t, ana.token);
    expect(page.reports.map((report) => report.id)).toEqual([4, 3, 2, 1].map(reportId));
    expect(page.nextCursor).toBeNull();
    expect(page.total).toBeNull();
    const [four, three, two, one] = page.reports;
    expect(one).toMatchObject({
      reporter: { id: 'eve.eval', name: 'User eve.eval', role: 'evaluator' },
      assignee: { id: 'ana.analyst', name: 'User ana.analyst' },
      queue: 'general',
      policy: null,
      duplicateOf: null,
      mergedCount: 1,
      status: 'triaged',
    });
    // No queue field from the adapter: the item's latest quality event says it.
    expect(two).toMatchObject({ reporter: { role: 'moderator' }, queue: 'search-eval', policy: 'relevance' });
    expect(three).toMatchObject({ queue: 'appeals', mergedCount: 0 });
    expect(four).toMatchObject({ reporter: { role: 'analyst' }, queue: null, policy: null, assignee: null });
  });

  it('applies each filter alone', async () => {
    await fileFive();
    const cases: [Record<string, string>, number[]][] = [
      [{ status: 'triaged' }, [1]],
      [{ status: 'new,resolved' }, [4, 3, 2]],
      [{ status: 'triaged', merged: 'include' }, [5, 1]],
      [{ merged: 'include' }, [4, 3, 5, 2, 1]],
      [{ type: 'missing,outdated' }, [4, 2]],
      [{ severity: 'critical' }, [3]],
      [{ severity: 'medium', merged: 'include' }, [5, 1]],
      [{ site: 'demo-moderation' }, [3, 1]],
      [{ queue: 'search-eval' }, [2]],
      [{ queue: 'general' }, [1]],
      [{ policy: 'relevance' }, [2]],
      [{ guideline: 'moderation-handbook' }, [3, 1]],
      [{ section: 'misinfo', merged: 'include' }, [5, 1]],
      [{ version: 'mod-2026.4' }, [3]],
      [{ reporterRole: 'moderator' }, [2]],
      [{ reporterRole: 'evaluator,analyst' }, [4, 3, 1]],
      [{ assignee: 'ana.analyst' }, [1]],
      [{ assignee: 'none' }, [4, 3, 2]],
      [{ assignee: 'nobody.here' }, []],
      [{ from: '2026-03-02' }, [4, 3]],
      // The same day in Berlin starts an hour earlier: report 2 (23:30 UTC) falls on 2 March there.
      [{ from: '2026-03-02', tz: 'Europe/Berlin' }, [4, 3, 2]],
      [{ to: '2026-03-01' }, [2, 1]],
      [{ to: '2026-03-01', tz: 'Europe/Berlin' }, [1]],
      [{ from: '2026-03-05', to: '2026-03-05' }, [3]],
      [{ from: '2026-03-11' }, []],
    ];
    for (const [query, expected] of cases) expect(await numbers(query), queryOf(query)).toEqual(expected);
  });

  it('combines filters with AND', async () => {
    await fileFive();
    expect(await numbers({ site: 'demo-moderation', section: 'misinfo' })).toEqual([1]);
    expect(await numbers({ site: 'demo-moderation', status: 'new' })).toEqual([3]);
    expect(await numbers({ reporterRole: 'evaluator', severity: 'critical,medium', to: '2026-03-04' })).toEqual([1]);
    expect(await numbers({ status: 'resolved', q: 'freshness', from: '2026-03-01', tz: 'Asia/Tokyo' })).toEqual([2]);
    expect(await numbers({ site: 'demo-search', queue: 'general' })).toEqual([]);
  });

  it('searches words of the note, selection, section heading and page title, and Chinese by substring', async () => {
    await fileFive();
    expect(await numbers({ q: 'freshness' })).toEqual([2]);
    expect(await numbers({ q: 'SATIRE' })).toEqual([1]);
    expect(await numbers({ q: 'satire', merged: 'include' })).toEqual([5, 1]);
    // Selection ("contested claims"), heading ("Ranking"), page title ("Moderation queue").
    expect(await numbers({ q: 'contested' })).toEqual([1]);
    expect(await numbers({ q: 'ranking' })).toEqual([2]);
    expect(await numbers({ q: 'moderation queue' })).toEqual([1]);
    // websearch syntax: a quoted phrase, and a word excluded.
    expect(await numbers({ q: '"ranking rules"' })).toEqual([2]);
    expect(await numbers({ q: 'satire -counts', merged: 'include' })).toEqual([5]);
    // Part of a Chinese sentence (no spaces, so no words): found in the note and in the selection.
    expect(await numbers({ q: '讽刺内容' })).toEqual([3]);
    expect(await numbers({ q: '虚假信息' })).toEqual([3]);
    expect(await numbers({ q: '讽刺与虚假' })).toEqual([3]);
    expect(await numbers({ q: '讽刺 食品' })).toEqual([]);
    // A lone Chinese character is not in the index (pairs are): it is matched as a substring.
    expect(await numbers({ q: '讽' })).toEqual([3]);
    expect(await numbers({ q: '讽 freshness' })).toEqual([]);
    // websearch syntax works around Chinese phrases too.
    expect(await numbers({ q: '讽刺内容 or freshness' })).toEqual([3, 2]);
    expect(await numbers({ q: 'section -讽刺内容', merged: 'include' })).toEqual([5, 1]);
    // A phrase means its characters in a row, not its pairs anywhere: 明内, 内容 and 容讽 are all in
    // report 6, but not as 明内容讽.
    await file(t.db, 'eve.eval', [gapReport(6, { note: '说明内容 内容讽刺', context: {} })]);
    expect(await numbers({ q: '明内容' })).toEqual([6]);
    expect(await numbers({ q: '明内容讽' })).toEqual([]);
    expect(await numbers({ q: '"明内容讽"' })).toEqual([]);
    // LIKE's wildcards are literal text: "%" and "_" match themselves, not any characters.
    expect(await numbers({ q: '讽刺内' })).toEqual([3]);
    expect(await numbers({ q: '讽_内' })).toEqual([]);
    expect(await numbers({ q: '讽%息' })).toEqual([]);
    expect(await numbers({ q: 'zebra' })).toEqual([]);
    expect(await numbers({ q: '   ' })).toEqual([6, 4, 3, 2, 1]);
    expect(await numbers({ q: '"' })).toEqual([]);
  });

  it('sorts by arrival either way, by last change, and by severity (newest first within one)', async () => {
    await fileFive();
    await t.db
      .update(gapReports)
      .set({ updatedAt: new Date('2026-04-01T00:00:00Z') })
      .where(eq(gapReports.id, reportId(2)));
    expect(await numbers({ sort: 'created_desc' })).toEqual([4, 3, 2, 1]);
    expect(await numbers({ sort: 'created_asc' })).toEqual([1, 2, 3, 4]);
    expect(await numbers({ sort: 'updated_desc' })).toEqual([2, 4, 3, 1]);
    expect(await numbers({ sort: 'severity_desc', merged: 'include' })).toEqual([3, 2, 5, 1, 4]);
  });

  it('pages every sort by keyset without repeating or skipping a report, ties on arrival time included', async () => {
    await t.caller('eve.eval', ['evaluator']);
    const severities = ['low', 'medium', 'high', 'critical'] as const;
    // One push stores its reports in one transaction: 12 share an arrival time to the microsecond.
    const batch = Array.from({ length: 12 }, (_, i) => gapReport(100 + i, { severity: severities[i % 4] }));
    await file(t.db, 'eve.eval', batch);
    const tied = await t.db
      .selectDistinct({ at: gapReports.createdAt })
      .from(gapReports)
      .where(
        inArray(
          gapReports.id,
          batch.map((report) => report.id),
        ),
      );
    expect(tied).toHaveLength(1);
    for (let n = 0; n < 7; n += 1) {
      await file(
        t.db,
        'eve.eval',
        [gapReport(200 + n, { severity: severities[n % 4] })],
        `2026-03-0${n + 1}T00:00:00Z`,
      );
    }
    for (const sort of ['created_desc', 'created_asc', 'updated_desc', 'severity_desc'] as const) {
      const whole = await numbers({ sort });
      expect(whole, sort).toHaveLength(19);
      const paged: number[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages += 1) {
        const page = await inboxPage(t, ana.token, { sort, limit: 4, ...(cursor ? { cursor } : {}) });
        paged.push(...page.reports.map((report) => Number.parseInt(report.id.slice(-12), 16)));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(paged, sort).toEqual(whole);
    }
  });

  it('counts the whole view when asked, whatever the page', async () => {
    await fileFive();
    const first = await inboxPage(t, ana.token, { limit: 1, count: 'true', site: 'demo-moderation' });
    expect(first.total).toBe(2);
    expect(first.reports).toHaveLength(1);
    const second = await inboxPage(t, ana.token, {
      limit: 1,
      count: 'true',
      site: 'demo-moderation',
      cursor: first.nextCursor!,
    });
    expect(second.total).toBe(2);
    expect(second.nextCursor).toBeNull();
    expect((await inboxPage(t, ana.token, { count: 'false', merged: 'include' })).total).toBeNull();
    expect((await inboxPage(t, ana.token, { count: 'true', merged: 'include' })).total).toBe(5);
    expect((await inboxPage(t, ana.token, { count: 'true', q: 'zebra' })).total).toBe(0);
  });

  it('refuses a bad value of any filter with a 400 naming it', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ status: 'open' }, 'status'],
      [{ status: 'new,,triaged' }, 'status'],
      [{ type: 'unclear;drop table' }, 'type'],
      [{ severity: 'HIGH' }, 'severity'],
      [{ reporterRole: 'root' }, 'reporterRole'],
      [{ site: 'Demo Site' }, 'site'],
      [{ queue: '' }, 'queue'],
      [{ queue: 'q'.repeat(129) }, 'queue'],
      [{ guideline: '../etc' }, 'guideline'],
      [{ section: 'A B' }, 'section'],
      [{ version: '-v1' }, 'version'],
      [{ assignee: 'Ana Analyst' }, 'assignee'],
      [{ from: '2026-02-30' }, 'from'],
      [{ from: '01/03/2026' }, 'from'],
      // Year 0000 and 9999 pass as calendar days but are no dates PostgreSQL takes (it was a 500).
      [{ from: '0000-01-01' }, 'from'],
      [{ to: '9999-12-31' }, 'to'],
      [{ from: '2026-03-02', to: '2026-03-01' }, 'to'],
      [{ tz: 'Mars/Olympus_Mons' }, 'tz'],
      [{ tz: "UTC'; select 1 --" }, 'tz'],
      [{ q: 'x'.repeat(201) }, 'q'],
      [{ sort: 'priority' }, 'sort'],
      [{ merged: 'only' }, 'merged'],
      [{ limit: '0' }, 'limit'],
      [{ limit: '201' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ count: 'yes' }, 'count'],
      [{ cursor: 'not a cursor!' }, 'cursor'],
      [{ cursor: 'bm9wZQ' }, 'cursor'],
      [{ cursor: Buffer.from('["created_desc","2026-01-01T00:00:00.000000Z","x"]').toString('base64url') }, 'cursor'],
    ];
    for (const [query, field] of cases) {
      const error = await errorOf(
        await t.request('GET', `/v1/gap-reports?${queryOf(query)}`, { token: ana.token }),
        400,
      );
      expect(
        error.details?.map((detail) => detail.path),
        queryOf(query),
      ).toContain(field);
    }
  });

  it('refuses a cursor from another sort: it would continue a different order', async () => {
    await fileFive();
    const page = await inboxPage(t, ana.token, { limit: 1, sort: 'created_desc' });
    const res = await t.request(
      'GET',
      `/v1/gap-reports?${queryOf({ sort: 'severity_desc', cursor: page.nextCursor! })}`,
      {
        token: ana.token,
      },
    );
    expect((await errorOf(res, 400)).message).toContain('sorted by created_desc, not severity_desc');
  });

  it('exports a view as CSV that parses back with hostile text intact and formula starts neutralised', async () => {
    await t.caller('eve.eval', ['evaluator']);
    const hostile = 'line one\r\nline two, "quoted"; 王小明 <img src=x onerror=alert(1)>';
    await file(t.db, 'eve.eval', [
      gapReport(1, { note: hostile }),
      gapReport(2, {
        note: '=HYPERLINK("http://evil")',
        context: { ...gapReport(2).context, selection: '+1 call', pageTitle: '@SUM(A1)' },
      }),
      gapReport(3, { note: '-2+3 counted', context: { site: 'other-site' } }),
    ]);
    const res = await t.request('GET', `/v1/gap-reports/export.csv?${queryOf({ q: 'line call' })}`, {
      token: ana.token,
    });
    expect(res.status).toBe(200);
    // Nothing matches both words: a view with no rows is still a file with its header.
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="gap-reports-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const empty = parse((await res.text()).replace(/^\uFEFF/, '')) as string[][];
    expect(empty).toHaveLength(1);

    const all = await t.request(
      'GET',
      `/v1/gap-reports/export.csv?${queryOf({ site: 'demo-moderation', sort: 'created_asc' })}`,
      {
        token: ana.token,
      },
    );
    const bytes = new Uint8Array(await all.arrayBuffer());
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parse(text.slice(1)) as string[][];
    const column = (name: string) => header!.indexOf(name);
    expect(rows.map((row) => row[column('id')])).toEqual([reportId(1), reportId(2)]);
    expect(rows[0]![column('note')]).toBe(hostile);
    expect(rows[0]![column('reporter_role')]).toBe('evaluator');
    expect(rows[0]![column('queue')]).toBe('general');
    expect(rows[1]![column('note')]).toBe(`'=HYPERLINK("http://evil")`);
    expect(rows[1]![column('selection')]).toBe(`'+1 call`);
    expect(rows[1]![column('page_title')]).toBe(`'@SUM(A1)`);
    expect(rows[1]![column('merged_count')]).toBe('0');
  });

  it('reads an export a keyset page at a time and still yields the whole view in order', async () => {
    await t.caller('eve.eval', ['evaluator']);
    await file(
      t.db,
      'eve.eval',
      Array.from({ length: 7 }, (_, i) => gapReport(i + 1)),
    );
    const listed = (await inboxPage(t, ana.token, { sort: 'created_asc' })).reports.map((report) => report.id);
    const exported: string[] = [];
    const filters = InboxFilters.parse({ sort: 'created_asc' });
    for await (const report of everyInboxReport(t.db, filters, 2)) exported.push(report.id);
    expect(exported).toEqual(listed);
    expect(exported).toHaveLength(7);
  });
});
