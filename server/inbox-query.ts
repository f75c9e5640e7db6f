import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { INBOX_UNASSIGNED, type InboxFilters, type InboxPage, type InboxQuery, type InboxReport } from '../contract';
import type { Database } from './db/client';
import { gapReports, gapSearchText } from './db/schema';
import { ApiError } from './errors';
import { reportColumns, type ReportRow } from './gap-report-store';
import { decodeCursor, encodeCursor, type InboxPosition } from './inbox-cursor';
import { toInboxReports } from './inbox-records';
import { searchQueryText, unspacedRuns } from './inbox-text';

/*
 * The inbox's one query: filters become equality and range conditions on the indexed columns of
 * migration 0008, the sort an ORDER BY that one of its (key, id) indexes serves, and the page a
 * keyset condition after the cursor, never an OFFSET (which reads every skipped row).
 */

/** `text` as a LIKE pattern that matches it literally anywhere (\, % and _ escaped). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * The search condition for `q`, or undefined when it is blank: its words through the GIN index
 * (websearch syntax: quotes for phrases, `or`, `-` to exclude), Chinese and Japanese by character
 * pairs so part of a sentence matches; a lone character of those scripts, which the index does not
 * hold, is checked as a substring of the text.
 */
function searchCondition(q: string | undefined): SQL | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  const indexed = searchQueryText(text);
  const lone = unspacedRuns(text).filter((run) => [...run].length === 1);
  return and(
    indexed.replaceAll('"', '').trim() === '' && lone.length > 0
      ? undefined
      : sql`${gapReports.search} @@ websearch_to_tsquery('simple', qa_lens_search_words(${indexed}))`,
    ...lone.map((char) => sql`(${gapSearchText}) ilike ${containsPattern(char)}`),
  );
}

/** The WHERE of a view: every filter it sets, ANDed. */
export function inboxWhere(filters: InboxFilters): SQL | undefined {
  const f = filters;
  const conditions: (SQL | undefined)[] = [
    f.status && inArray(gapReports.status, f.status),
    f.type && inArray(gapReports.type, f.type),
    f.severity && inArray(gapReports.severity, f.severity),
    f.reporterRole && inArray(gapReports.reporterRole, f.reporterRole),
    f.site === undefined ? undefined : eq(gapReports.site, f.site),
    f.queue === undefined ? undefined : eq(gapReports.queue, f.queue),
    f.policy === undefined ? undefined : eq(gapReports.policy, f.policy),
    f.guideline === undefined ? undefined : eq(gapReports.guidelineId, f.guideline),
    f.section === undefined ? undefined : eq(gapReports.sectionId, f.section),
    f.version === undefined ? undefined : eq(gapReports.guidelineVersion, f.version),
    f.assignee === undefined
      ? undefined
      : f.assignee === INBOX_UNASSIGNED
        ? isNull(gapReports.assignee)
        : eq(gapReports.assignee, f.assignee),
    // Days are the analyst's: midnight in their time zone, the last day included.
    f.from === undefined
      ? undefined
      : sql`${gapReports.createdAt} >= ((${f.from}::date)::timestamp at time zone ${f.tz})`,
    f.to === undefined
      ? undefined
      : sql`${gapReports.createdAt} < ((${f.to}::date + 1)::timestamp at time zone ${f.tz})`,
    f.merged === 'exclude' ? isNull(gapReports.duplicateOf) : undefined,
    searchCondition(f.q),
  ];
  return and(...conditions.filter((condition): condition is SQL => condition !== undefined));
}

/** A timestamp column as text with PostgreSQL's microseconds, for a cursor. */
const micros = (column: typeof gapReports.createdAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** ORDER BY of a sort, and the condition "after `position`" in it. */
function ordering(sort: InboxFilters['sort'], position: InboxPosition | undefined) {
  const r = gapReports;
  switch (sort) {
    case 'created_desc':
      return {
        orderBy: [desc(r.createdAt), desc(r.id)],
        after: position && sql`(${r.createdAt}, ${r.id}) < (${position.at}::timestamptz, ${position.id}::uuid)`,
      };
    case 'created_asc':
      return {
        orderBy: [asc(r.createdAt), asc(r.id)],
        after: position && sql`(${r.createdAt}, ${r.id}) > (${position.at}::timestamptz, ${position.id}::uuid)`,
      };
    case 'updated_desc':
      return {
        orderBy: [desc(r.updatedAt), desc(r.id)],
        after: position && sql`(${r.updatedAt}, ${r.id}) < (${position.at}::timestamptz, ${position.id}::uuid)`,
      };
    case 'severity_desc': {
      const rank = position?.sort === 'severity_desc' ? position.rank : 0;
      return {
        orderBy: [desc(r.severityRank), desc(r.createdAt), desc(r.id)],
        after:
          position &&
          sql`(${r.severityRank}, ${r.createdAt}, ${r.id}) < (${rank}::smallint, ${position.at}::timestamptz, ${position.id}::uuid)`,
      };
    }
  }
}

/** Where the row of a page ends, as its sort's cursor position. */
function positionOf(sort: InboxFilters['sort'], row: PageRow): InboxPosition {
  if (sort === 'severity_desc') return { sort, rank: row.severityRank, at: row.createdKey, id: row.id };
  return { sort, at: sort === 'updated_desc' ? row.updatedKey : row.createdKey, id: row.id };
}

type PageRow = ReportRow & { createdKey: string; updatedKey: string };

/** One page of raw rows after `position` (start when undefined), and the position after it, if more exist. */
async function pageRows(
  db: Database,
  filters: InboxFilters,
  limit: number,
  position: InboxPosition | undefined,
): Promise<{ rows: ReportRow[]; next: InboxPosition | null }> {
  const { orderBy, after } = ordering(filters.sort, position);
  const where = inboxWhere(filters);
  // One row more than asked says whether another page exists, without a count.
  const rows: PageRow[] = await db
    .select({ ...reportColumns, createdKey: micros(gapReports.createdAt), updatedKey: micros(gapReports.updatedAt) })
    .from(gapReports)
    .where(after ? and(where, after) : where)
    .orderBy(...orderBy)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const next = rows.length > limit ? positionOf(filters.sort, page.at(-1)!) : null;
  return { rows: page.map(({ createdKey: _c, updatedKey: _u, ...row }) => row), next };
}

/** The exact number of reports in a view. */
export async function countInbox(db: Database, filters: InboxFilters): Promise<number> {
  const [row] = await db.select({ n: count() }).from(gapReports).where(inboxWhere(filters));
  return row!.n;
}

/** The position a client's cursor names; a foreign or tampered cursor is a 400 naming `cursor`. */
function positionFrom(cursor: string | undefined, sort: InboxFilters['sort']): InboxPosition | undefined {
  if (cursor === undefined) return undefined;
  const decoded = decodeCursor(cursor, sort);
  if (decoded.ok) return decoded.position;
  throw new ApiError(400, 'invalid_request', `invalid request: cursor: ${decoded.message}`, [
    { path: 'cursor', message: decoded.message },
  ]);
}

/** `GET /v1/gap-reports`: one page of a view, its next cursor, and its total when asked. */
export async function listInbox(db: Database, query: InboxQuery): Promise<InboxPage> {
  const position = positionFrom(query.cursor, query.sort);
  const { rows, next } = await pageRows(db, query, query.limit, position);
  return {
    reports: await toInboxReports(db, rows),
    nextCursor: next ? encodeCursor(next) : null,
    total: query.count === 'true' ? await countInbox(db, query) : null,
  };
}

/** Every report of a view, a page of `pageSize` at a time through the keyset: an export never holds them all. */
export async function* everyInboxReport(
  db: Database,
  filters: InboxFilters,
  pageSize = 500,
): AsyncGenerator<InboxReport> {
  let position: InboxPosition | undefined;
  for (;;) {
    const { rows, next } = await pageRows(db, filters, pageSize, position);
    yield* await toInboxReports(db, rows);
    if (!next) return;
    position = next;
  }
}
