import { useState } from 'react';
import { SurveyStatus, type Survey } from '../../contract';
import type { ApiClient } from '../../utils/api/client';
import { errorMessage } from '../../utils/error-message';
import { useLoaded } from '../../utils/hooks/use-loaded';
import { i18n } from '../../utils/i18n';
import { shortNote } from '../inbox/InboxTable';
import { responsesText, windowText } from './labels';
import { SurveyStatusPill } from './SurveyStatusPill';
import { ViewLink, type Go } from './ViewLink';

const PAGE_SIZE = 50;

/**
 * The surveys, newest first, filtered by status: each with its question, window and answers of its
 * cap, and what can be done with it (edit or activate a draft, close it, see its results).
 */
export function SurveyList({
  api,
  status,
  go,
  onNotice,
}: {
  api: ApiClient;
  status: SurveyStatus | null;
  go: Go;
  onNotice: (notice: string | null) => void;
}) {
  const [generation, setGeneration] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [more, setMore] = useState<{ key: string; surveys: Survey[]; before: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const key = `${status ?? ''}#${generation}`;
  const first = useLoaded(() => api.listSurveys({ status: status ?? undefined, limit: PAGE_SIZE }), key);
  const extra = more !== null && more.key === key ? more : null;
  const surveys = [...(first.value?.surveys ?? []), ...(extra?.surveys ?? [])];
  const before = extra ? extra.before : (first.value?.nextBefore ?? null);
  const problem = failure ?? first.error;

  const loadMore = async () => {
    if (!before) return;
    setBusy(true);
    try {
      const page = await api.listSurveys({ status: status ?? undefined, limit: PAGE_SIZE, before });
      setMore({ key, surveys: [...(extra?.surveys ?? []), ...page.surveys], before: page.nextBefore });
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const change = async (survey: Survey, to: 'active' | 'closed') => {
    if (to === 'closed' && !confirm(i18n.t('surveys.list.confirmClose', { question: shortNote(survey.question) }))) {
      return;
    }
    setFailure(null);
    onNotice(null);
    try {
      await api.patchSurvey(survey.id, { status: to, expectedRevision: survey.revision });
      onNotice(to === 'active' ? i18n.t('surveys.notices.activated') : i18n.t('surveys.notices.closed'));
      setGeneration((g) => g + 1);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };

  return (
    <section aria-labelledby="surveys-list-title">
      <h2 id="surveys-list-title">{i18n.t('surveys.list.title')}</h2>
      <div className="row">
        <label>
          {i18n.t('surveys.list.statusFilter')}{' '}
          <select
            value={status ?? ''}
            onChange={(e) => {
              const value = e.currentTarget.value;
              go({ page: 'list', status: value ? SurveyStatus.parse(value) : null });
            }}
          >
            <option value="">{i18n.t('surveys.list.allStatuses')}</option>
            {SurveyStatus.options.map((s) => (
              <option key={s} value={s}>
                {i18n.t(`surveys.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <ViewLink view={{ page: 'new' }} go={go} className="button primary">
          {i18n.t('surveys.list.new')}
        </ViewLink>
      </div>
      {problem && (
        <p className="error" role="alert">
          {i18n.t('surveys.failed', { message: problem })}
        </p>
      )}
      {first.loading ? (
        <p className="muted" role="status">
          {i18n.t('surveys.loading')}
        </p>
      ) : surveys.length === 0 ? (
        <p className="muted">{i18n.t('surveys.list.none')}</p>
      ) : (
        <table className="grid survey-table" data-testid="survey-table">
          <caption className="sr-only">{i18n.t('surveys.list.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{i18n.t('surveys.columns.status')}</th>
              <th scope="col">{i18n.t('surveys.columns.question')}</th>
              <th scope="col">{i18n.t('surveys.columns.kind')}</th>
              <th scope="col">{i18n.t('surveys.columns.window')}</th>
              <th scope="col">{i18n.t('surveys.columns.responses')}</th>
              <th scope="col">{i18n.t('surveys.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {surveys.map((survey) => (
              <SurveyRow key={survey.id} survey={survey} go={go} onChange={(to) => void change(survey, to)} />
            ))}
          </tbody>
        </table>
      )}
      {before && (
        <button type="button" disabled={busy} onClick={() => void loadMore()}>
          {i18n.t('surveys.list.loadMore')}
        </button>
      )}
    </section>
  );
}

function SurveyRow({ survey, go, onChange }: { survey: Survey; go: Go; onChange: (to: 'active' | 'closed') => void }) {
  const question = shortNote(survey.question, 60);
  return (
    <tr data-testid="survey-row" data-survey-id={survey.id}>
      <td>
        <SurveyStatusPill survey={survey} />
      </td>
      <td>
        <ViewLink view={{ page: 'results', id: survey.id, groupBy: null }} go={go}>
          {shortNote(survey.question, 120)}
        </ViewLink>
      </td>
      <td>{i18n.t(`surveys.kinds.${survey.kind}`)}</td>
      <td>{windowText(survey)}</td>
      <td data-testid="survey-responses">{responsesText(survey)}</td>
      <td>
        <div className="row">
          {survey.status === 'draft' && (
            <>
              <ViewLink
                view={{ page: 'edit', id: survey.id }}
                go={go}
                className="button"
                label={i18n.t('surveys.list.editOne', { question })}
              >
                {i18n.t('surveys.list.edit')}
              </ViewLink>
              <button
                type="button"
                onClick={() => onChange('active')}
                aria-label={i18n.t('surveys.list.activateOne', { question })}
              >
                {i18n.t('surveys.list.activate')}
              </button>
            </>
          )}
          {survey.status !== 'closed' && (
            <button
              type="button"
              onClick={() => onChange('closed')}
              aria-label={i18n.t('surveys.list.closeOne', { question })}
            >
              {i18n.t('surveys.list.close')}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
