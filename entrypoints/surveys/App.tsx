import { useCallback, useState } from 'react';
import { NewSurvey, EditDraft } from '../../components/surveys/SurveyEditor';
import { SurveyList } from '../../components/surveys/SurveyList';
import { SurveyResultsView } from '../../components/surveys/SurveyResultsView';
import { ViewLink, type Go } from '../../components/surveys/ViewLink';
import type { ApiClient } from '../../utils/api/client';
import { useAnalystSession } from '../../utils/hooks/use-analyst-session';
import { useFocusOnViewChange } from '../../utils/hooks/use-focus-on-view-change';
import { useUrlView } from '../../utils/hooks/use-url-view';
import { i18n } from '../../utils/i18n';
import { readSurveyView, surveyViewSearch, type ReadView } from '../../utils/survey-admin/view';

/**
 * The view in the address bar (`useUrlView`) and `go`, which pushes a new one. A notice (what was
 * just saved) belongs to the view it was given with, and is not shown once another view is.
 */
function useSurveyView(): [ReadView, string | null, (notice: string | null) => void, Go] {
  const [read, goTo] = useUrlView(readSurveyView, surveyViewSearch);
  const [notice, setNotice] = useState<{ view: string; text: string | null }>({ view: '', text: null });
  const current = surveyViewSearch(read.view);
  const go = useCallback<Go>(
    (view, message = null) => {
      goTo(view);
      setNotice({ view: surveyViewSearch(view), text: message });
    },
    [goTo],
  );
  const say = useCallback((text: string | null) => setNotice({ view: current, text }), [current]);
  return [read, notice.view === current ? notice.text : null, say, go];
}

/**
 * The analysts' surveys page: the list of surveys, a form for a new survey or a draft, and each
 * survey's results as charts and tables. Every view is a URL.
 */
export function App() {
  const session = useAnalystSession();
  if (session === null) return <main className="page muted">{i18n.t('surveys.loading')}</main>;
  if (session === 'signedOut') return <main className="page error">{i18n.t('surveys.signedOut')}</main>;
  if (session === 'forbidden') return <main className="page error">{i18n.t('surveys.forbidden')}</main>;
  return <Surveys api={session.api} />;
}

function Surveys({ api }: { api: ApiClient }) {
  const [{ view, problem }, notice, setNotice, go] = useSurveyView();
  useFocusOnViewChange(surveyViewSearch(view));
  return (
    <main className="page surveys">
      <div className="row page-header">
        <h1>{i18n.t('surveys.title')}</h1>
        <nav aria-label={i18n.t('surveys.nav')} className="row">
          <ViewLink view={{ page: 'list', status: null }} go={go}>
            {i18n.t('surveys.allSurveys')}
          </ViewLink>
          <a href="/inbox.html">{i18n.t('inbox.open')}</a>
          <a href="/dashboard.html">{i18n.t('dashboard.open')}</a>
        </nav>
      </div>
      {problem && (
        <p className="error" role="alert">
          {i18n.t('surveys.badLink', { problem })}
        </p>
      )}
      <p className="ok" role="status" data-testid="survey-notice">
        {notice ?? ''}
      </p>
      {view.page === 'list' && <SurveyList api={api} status={view.status} go={go} onNotice={setNotice} />}
      {view.page === 'new' && <NewSurvey api={api} go={go} />}
      {view.page === 'edit' && <EditDraft key={view.id} api={api} id={view.id} go={go} />}
      {view.page === 'results' && (
        <SurveyResultsView
          key={view.id}
          api={api}
          id={view.id}
          groupBy={view.groupBy}
          onGroupBy={(groupBy) => go({ ...view, groupBy })}
        />
      )}
    </main>
  );
}
