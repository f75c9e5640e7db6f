import { and, desc, eq, isNull, ne, or, type SQL } from 'drizzle-orm';
import MiniSearch from 'minisearch';
import { INBOX_DUPLICATES_MAX, type DuplicateCandidate, type DuplicateReason } from '../contract';
import type { Database } from './db/client';
import { gapReports } from './db/schema';
import { reportColumns, type ReportRow } from './gap-report-store';
import { toInboxReports } from './inbox-records';
import { similarityTerms } from './inbox-text';

/** Most candidates read and compared per request: the newest of the same section or item. */
const CANDIDATES_MAX = 500;

/** Of a likely duplicate pair, the texts compared: what the reporter wrote and what they selected. */
function textOf(row: Pick<ReportRow, 'note' | 'context'>): string {
  return [row.note, row.context.selection ?? ''].join('\n');
}

/**
 * `GET /v1/gap-reports/{id}/duplicates`: reports about the same guideline section or the same
 * item, not merged anywhere, ranked by how alike their note and selection read (MiniSearch's BM25,
 * prefix and fuzzy terms; Chinese compared by character pairs), then by recency. Null when the
 * report does not exist.
 */
export async function likelyDuplicates(db: Database, id: string): Promise<DuplicateCandidate[] | null> {
  const [target] = await db.select(reportColumns).from(gapReports).where(eq(gapReports.id, id));
  if (!target) return null;
  const sameSection =
    target.guidelineId && target.sectionId
      ? and(eq(gapReports.guidelineId, target.guidelineId), eq(gapReports.sectionId, target.sectionId))
      : undefined;
  const sameItem =
    target.site && target.itemKey
      ? and(eq(gapReports.site, target.site), eq(gapReports.itemKey, target.itemKey))
      : undefined;
  const related = [sameSection, sameItem].filter((condition): condition is SQL => condition !== undefined);
  if (related.length === 0) return [];
  const rows = await db
    .select(reportColumns)
    .from(gapReports)
    .where(and(ne(gapReports.id, id), isNull(gapReports.duplicateOf), or(...related)))
    .orderBy(desc(gapReports.createdAt), desc(gapReports.id))
    .limit(CANDIDATES_MAX);
  if (rows.length === 0) return [];

  const scores = textScores(target, rows);
  const ranked = rows
    .map((row, recency) => {
      const reasons: DuplicateReason[] = [];
      if (row.guidelineId === target.guidelineId && row.sectionId === target.sectionId && target.sectionId) {
        reasons.push('same_section');
      }
      if (row.site === target.site && row.itemKey === target.itemKey && target.itemKey) reasons.push('same_item');
      const score = scores.get(row.id) ?? 0;
      if (score > 0) reasons.push('similar_text');
      return { row, score, reasons, recency };
    })
    .sort((a, b) => b.score - a.score || b.reasons.length - a.reasons.length || a.recency - b.recency)
    .slice(0, INBOX_DUPLICATES_MAX);
  const reports = await toInboxReports(
    db,
    ranked.map((entry) => entry.row),
  );
  return ranked.map((entry, i) => ({
    report: reports[i]!,
    score: Math.round(entry.score * 1000) / 1000,
    reasons: entry.reasons,
  }));
}

/** BM25 scores of `rows` against the target's text, by id; rows that share no term are absent. */
function textScores(target: ReportRow, rows: ReportRow[]): Map<string, number> {
  const search = new MiniSearch<{ id: string; text: string }>({
    fields: ['text'],
    tokenize: similarityTerms,
    // similarityTerms already lowercased and split; MiniSearch would lowercase again.
    processTerm: (term) => term,
    searchOptions: {
      combineWith: 'OR',
      // Longer words match their inflections and typos ("counts" ~ "count", "satrie" ~ "satire").
      prefix: (term) => term.length >= 5,
      fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
    },
  });
  search.addAll(rows.map((row) => ({ id: row.id, text: textOf(row) })));
  return new Map(search.search(textOf(target)).map((result) => [result.id as string, result.score]));
}
