import { useState } from 'react';
import type { SurveyCreateRequest } from '../../contract';
import type { ApiClient } from '../../utils/api/client';
import { useLoaded } from '../../utils/hooks/use-loaded';
import { i18n } from '../../utils/i18n';
import { blankForm, formFromSurvey, patchFromRequest } from '../../utils/survey-admin/form';
import { SurveyFormView } from './SurveyFormView';
import { ViewLink, type Go } from './ViewLink';

/** Where a saved survey leads: the list, saying what happened. */
function savedNotice(activate: boolean): string {
  return activate ? i18n.t('surveys.notices.savedActive') : i18n.t('surveys.notices.savedDraft');
}

/** A new survey's form: saved as a draft or made active at once. */
export function NewSurvey({ api, go }: { api: ApiClient; go: Go }) {
  const [initial] = useState(() => blankForm(new Date()));
  const save = async (request: SurveyCreateRequest, activate: boolean) => {
    await api.createSurvey(request);
    go({ page: 'list', status: null }, savedNotice(activate));
  };
  return (
    <section aria-labelledby="survey-editor-title">
      <h2 id="survey-editor-title">{i18n.t('surveys.form.newTitle')}</h2>
      <SurveyFormView initial={initial} onSave={save} onCancel={() => go({ page: 'list', status: null })} />
    </section>
  );
}

/**
 * A draft's form. Only drafts are edited here: once active, a survey's question is what people
 * answered, so it is closed and a new one made instead. The save names the revision it edited.
 */
export function EditDraft({ api, id, go }: { api: ApiClient; id: string; go: Go }) {
  const loaded = useLoaded(() => api.readSurvey(id), id);
  const survey = loaded.value?.survey;
  const save = async (request: SurveyCreateRequest, activate: boolean) => {
    await api.patchSurvey(id, patchFromRequest(request, survey!.revision, activate));
    go({ page: 'list', status: null }, savedNotice(activate));
  };
  return (
    <section aria-labelledby="survey-editor-title">
      <h2 id="survey-editor-title">{i18n.t('surveys.form.editTitle')}</h2>
      {loaded.loading && (
        <p className="muted" role="status">
          {i18n.t('surveys.loading')}
        </p>
      )}
      {loaded.error && (
        <p className="error" role="alert">
          {i18n.t('surveys.failed', { message: loaded.error })}
        </p>
      )}
      {survey && survey.status !== 'draft' && (
        <p>
          {i18n.t('surveys.form.notDraft')}{' '}
          <ViewLink view={{ page: 'results', id, groupBy: null }} go={go}>
            {i18n.t('surveys.form.seeResults')}
          </ViewLink>
        </p>
      )}
      {survey && survey.status === 'draft' && (
        <SurveyFormView
          key={survey.revision}
          initial={formFromSurvey(survey)}
          onSave={save}
          onCancel={() => go({ page: 'list', status: null })}
        />
      )}
    </section>
  );
}
