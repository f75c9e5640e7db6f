import { describe, expect, it } from 'vitest';
import { readSurveyView, surveyViewSearch, type SurveyView } from '../../utils/survey-admin/view';

const ID = '01940000-0000-7000-8000-0000000000ab';

describe('surveys page views as URLs', () => {
  it('reads every view back from the link it writes', () => {
    const views: SurveyView[] = [
      { page: 'list', status: null },
      { page: 'list', status: 'closed' },
      { page: 'new' },
      { page: 'edit', id: ID },
      { page: 'results', id: ID, groupBy: null },
      { page: 'results', id: ID, groupBy: 'queue' },
    ];
    for (const view of views) expect(readSurveyView(`?${surveyViewSearch(view)}`)).toEqual({ view, problem: null });
  });

  it('writes the links people share', () => {
    expect(surveyViewSearch({ page: 'results', id: ID, groupBy: 'section' })).toBe(`survey=${ID}&groupBy=section`);
    expect(surveyViewSearch({ page: 'list', status: null })).toBe('');
    expect(surveyViewSearch({ page: 'new' })).toBe('new');
  });

  it('ignores parameters it does not know', () => {
    expect(readSurveyView(`?utm=x&survey=${ID}`)).toEqual({
      view: { page: 'results', id: ID, groupBy: null },
      problem: null,
    });
  });

  it("falls back to the list on an id the API would refuse, saying why in the contract's words", () => {
    expect(readSurveyView('?survey=42')).toEqual({
      view: { page: 'list', status: null },
      problem: 'survey: (root): a UUIDv7 made by the client, in lowercase',
    });
    expect(readSurveyView(`?edit=${ID.toUpperCase()}`).view).toEqual({ page: 'list', status: null });
  });

  it('keeps the results of a link with an unknown breakdown, without the breakdown', () => {
    const read = readSurveyView(`?survey=${ID}&groupBy=reporter`);
    expect(read.view).toEqual({ page: 'results', id: ID, groupBy: null });
    expect(read.problem).toMatch(/^groupBy: /);
    expect(readSurveyView('?status=open')).toMatchObject({ view: { page: 'list', status: null } });
    expect(readSurveyView('?status=open').problem).toMatch(/^status: /);
  });
});
