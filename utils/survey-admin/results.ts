import type { SurveyAnswerOption, SurveyResults, SurveyTally } from '../../contract';

/** Groups a grouped chart draws at most; the table under it lists every group. */
export const CHART_GROUPS_MAX = 20;

/** The count of each of `options` in `tally`, in the options' order (0 for an option nobody chose). */
export function countsByOption(tally: SurveyTally, options: readonly SurveyAnswerOption[]): number[] {
  const counts = new Map(tally.counts.map((c) => [c.key, c.count]));
  return options.map((option) => counts.get(option.key) ?? 0);
}

/** `count` as a share of `total` (0 when nobody answered). */
export function shareOf(count: number, total: number): number {
  return total === 0 ? 0 : count / total;
}

/**
 * The grouped chart's data: the groups with most answers (results come most answers first), and one
 * series per option with each group's count.
 */
export function groupedSeries(results: Pick<SurveyResults, 'options' | 'groups'>, max = CHART_GROUPS_MAX) {
  const groups = results.groups.slice(0, max);
  const rows = groups.map((group) => countsByOption(group, results.options));
  return {
    groups,
    series: results.options.map((option, index) => ({ option, data: rows.map((row) => row[index]!) })),
    omitted: results.groups.length - groups.length,
  };
}

/** Saved file name of a results export, like the API's own (`survey-<id>-results-by-queue.csv`). */
export function resultsFileName(surveyId: string, groupBy: string | null): string {
  return `survey-${surveyId}-results${groupBy ? `-by-${groupBy}` : ''}.csv`;
}

/** Saved file name of the answers export. */
export function responsesFileName(surveyId: string): string {
  return `survey-${surveyId}-responses.csv`;
}
