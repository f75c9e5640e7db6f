import { SurveyGroupBy, SurveyId, SurveyStatus, zodSummary } from '../../contract';

/*
 * Every view of the surveys page is a URL, so back and forward work and a link opens the same view:
 *   surveys.html                              the list (`?status=active` filters it)
 *   surveys.html?new                          a new survey's form
 *   surveys.html?edit=<id>                    a draft's form
 *   surveys.html?survey=<id>&groupBy=queue    a survey's results, broken down by a context part
 * Values are read back with the contract's own schemas; a link the API would refuse falls back to
 * the list with the contract's message.
 */

export type SurveyView =
  | { page: 'list'; status: SurveyStatus | null }
  | { page: 'new' }
  | { page: 'edit'; id: string }
  | { page: 'results'; id: string; groupBy: SurveyGroupBy | null };

export interface ReadView {
  view: SurveyView;
  /** Why (part of) the link could not be used, in the contract's words; null when all of it could. */
  problem: string | null;
}

const LIST: SurveyView = { page: 'list', status: null };

/** Reads a view from a query string (`location.search`); unknown parameters are ignored. */
export function readSurveyView(search: string): ReadView {
  const params = new URLSearchParams(search);
  const results = params.get('survey');
  if (results !== null) {
    const id = SurveyId.safeParse(results);
    if (!id.success) return { view: LIST, problem: `survey: ${zodSummary(id.error, 1)}` };
    const raw = params.get('groupBy');
    const groupBy = raw ? SurveyGroupBy.safeParse(raw) : null;
    return {
      view: { page: 'results', id: id.data, groupBy: groupBy?.success ? groupBy.data : null },
      problem: groupBy && !groupBy.success ? `groupBy: ${zodSummary(groupBy.error, 1)}` : null,
    };
  }
  const edit = params.get('edit');
  if (edit !== null) {
    const id = SurveyId.safeParse(edit);
    return id.success
      ? { view: { page: 'edit', id: id.data }, problem: null }
      : { view: LIST, problem: `edit: ${zodSummary(id.error, 1)}` };
  }
  if (params.has('new')) return { view: { page: 'new' }, problem: null };
  const raw = params.get('status');
  const status = raw ? SurveyStatus.safeParse(raw) : null;
  return {
    view: { page: 'list', status: status?.success ? status.data : null },
    problem: status && !status.success ? `status: ${zodSummary(status.error, 1)}` : null,
  };
}

/** The query string of a view (no leading "?"); the unfiltered list is the empty string. */
export function surveyViewSearch(view: SurveyView): string {
  switch (view.page) {
    case 'list':
      return view.status ? new URLSearchParams({ status: view.status }).toString() : '';
    case 'new':
      return 'new';
    case 'edit':
      return new URLSearchParams({ edit: view.id }).toString();
    case 'results': {
      const params = new URLSearchParams({ survey: view.id });
      if (view.groupBy) params.set('groupBy', view.groupBy);
      return params.toString();
    }
  }
}
