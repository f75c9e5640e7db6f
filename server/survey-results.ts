import { eq, sql } from 'drizzle-orm';
import {
  answerOptions,
  type Survey,
  type SurveyAnswerOption,
  type SurveyGroupBy,
  type SurveyResults,
  type SurveyTally,
} from '../contract';
import type { Database } from './db/client';
import { surveyResponses } from './db/schema';

/** The column each grouping reads. */
const GROUP_COLUMN = {
  site: surveyResponses.site,
  queue: surveyResponses.queue,
  policy: surveyResponses.policy,
  section: surveyResponses.sectionId,
} as const;

interface CountRow {
  /** 1 on the overall rows of the grouping sets, 0 on the per-value rows. */
  overall: number;
  value: string | null;
  answer: string;
  count: number;
  /** Sum of the scale points (0 for other kinds). */
  sum: number;
  comments: number;
}

/**
 * Exact counts of a survey's answers per option, overall and per value of `groupBy`, counted by
 * PostgreSQL in one pass (GROUPING SETS); means come from the summed scale points, so they are exact too.
 */
export async function surveyResults(db: Database, survey: Survey, groupBy?: SurveyGroupBy): Promise<SurveyResults> {
  const answer = surveyResponses.answer;
  const column = groupBy ? GROUP_COLUMN[groupBy] : null;
  const rows: CountRow[] = await db
    .select({
      overall: (column ? sql`grouping(${column})` : sql`1`).mapWith(Number),
      value: (column ? sql`${column}` : sql`null`).mapWith((value: unknown) => (value == null ? null : String(value))),
      answer,
      count: sql`count(*)`.mapWith(Number),
      sum: sql`coalesce(sum(${surveyResponses.answerValue}), 0)`.mapWith(Number),
      comments: sql`count(${surveyResponses.comment})`.mapWith(Number),
    })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, survey.id))
    .groupBy(column ? sql`grouping sets ((${column}, ${answer}), (${answer}))` : answer);
  const options = answerOptions(survey);
  const tally = (part: CountRow[]) => tallyOf(survey, options, part);
  const byValue = new Map<string | null, CountRow[]>();
  for (const row of rows.filter((r) => r.overall === 0)) {
    byValue.set(row.value, [...(byValue.get(row.value) ?? []), row]);
  }
  const groups = groupBy ? [...byValue].map(([value, part]) => ({ value, ...tally(part) })) : [];
  groups.sort((a, b) => b.total - a.total || compareValues(a.value, b.value));
  return {
    surveyId: survey.id,
    kind: survey.kind,
    options,
    overall: tally(rows.filter((r) => r.overall === 1)),
    groupBy: groupBy ?? null,
    groups,
  };
}

/** Values in code-point order, answers without a value last. */
function compareValues(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function tallyOf(survey: Survey, options: SurveyAnswerOption[], rows: CountRow[]): SurveyTally {
  const count = new Map(rows.map((row) => [row.answer, row.count]));
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const sum = rows.reduce((acc, row) => acc + row.sum, 0);
  return {
    total,
    counts: options.map((option) => ({ key: option.key, count: count.get(option.key) ?? 0 })),
    mean: survey.kind === 'scale' && total > 0 ? sum / total : null,
    comments: rows.reduce((acc, row) => acc + row.comments, 0),
  };
}

/** One row of the results export: an option's count overall or within one group. */
export interface ResultsCsvRow {
  scope: 'overall' | 'group';
  groupBy: SurveyGroupBy | null;
  value: string | null;
  option: string;
  label: string;
  count: number;
  total: number;
  mean: number | null;
}

/** The results as export rows: overall first, then each group, every option in the survey's order. */
export function resultsCsvRows(results: SurveyResults): ResultsCsvRow[] {
  const label = new Map(results.options.map((option) => [option.key, option.label]));
  const rowsOf = (scope: ResultsCsvRow['scope'], value: string | null, tally: SurveyTally) =>
    tally.counts.map((entry) => ({
      scope,
      groupBy: scope === 'group' ? results.groupBy : null,
      value,
      option: entry.key,
      label: label.get(entry.key) ?? entry.key,
      count: entry.count,
      total: tally.total,
      mean: tally.mean,
    }));
  return [
    ...rowsOf('overall', null, results.overall),
    ...results.groups.flatMap((group) => rowsOf('group', group.value, group)),
  ];
}
