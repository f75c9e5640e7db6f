import { useEffect, useRef, useState } from 'react';
import type { CustomMetric } from '../../contract';
import type { ApiClient } from '../../utils/api/client';
import {
  blankCustomMetricForm,
  checkCustomMetricEdit,
  checkNewCustomMetric,
  formFromCustomMetric,
} from '../../utils/dashboard/definitions-form';
import { definitionsView, viewOf } from '../../utils/dashboard/view';
import { errorMessage } from '../../utils/error-message';
import { useLoaded } from '../../utils/hooks/use-loaded';
import { i18n } from '../../utils/i18n';
import { CustomMetricForm } from './CustomMetricForm';
import { DashLink, type DashGo } from './DashLink';

/** What a saved, deleted or created metric reports to the page: a notice for the list it returns to. */
export type OnDone = (notice: string) => void;

/** The link back to the list, without saving. */
function CancelLink({ go }: { go: DashGo }) {
  return (
    <DashLink view={definitionsView({ part: 'list' })} go={go}>
      {i18n.t('dashboard.definitions.form.cancel')}
    </DashLink>
  );
}

/** A new custom metric's form. */
export function NewCustomMetric({ api, go, onDone }: { api: ApiClient; go: DashGo; onDone: OnDone }) {
  const [initial] = useState(blankCustomMetricForm);
  return (
    <section aria-labelledby="definition-title">
      <h2 id="definition-title">{i18n.t('dashboard.definitions.form.newTitle')}</h2>
      <CustomMetricForm
        initial={initial}
        isNew
        check={checkNewCustomMetric}
        onSave={async (request) => {
          const { metric } = await api.createCustomMetric(request);
          onDone(i18n.t('dashboard.definitions.notices.created', { metric: metric.name }));
        }}
        actions={<CancelLink go={go} />}
      />
    </section>
  );
}

/** One custom metric's form, as stored now, with its chart and a delete that asks first. */
export function EditCustomMetric({ api, id, go, onDone }: { api: ApiClient; id: string; go: DashGo; onDone: OnDone }) {
  const loaded = useLoaded(() => api.readCustomMetric(id), id);
  const metric = loaded.value?.metric;
  return (
    <section aria-labelledby="definition-title">
      <h2 id="definition-title">{i18n.t('dashboard.definitions.form.editTitle', { id })}</h2>
      {loaded.loading && (
        <p className="muted" role="status">
          {i18n.t('dashboard.loading')}
        </p>
      )}
      {loaded.error && (
        <p className="error" role="alert">
          {i18n.t('dashboard.failed', { message: loaded.error })}
        </p>
      )}
      {metric && (
        <>
          <p>
            <DashLink view={viewOf('metric', { metric: id, groupBy: 'queue' })} go={go}>
              {i18n.t('dashboard.definitions.chartOf', { metric: metric.name })}
            </DashLink>
          </p>
          <CustomMetricForm
            key={metric.updatedAt}
            initial={formFromCustomMetric(metric)}
            isNew={false}
            check={checkCustomMetricEdit}
            onSave={async (request) => {
              const saved = await api.replaceCustomMetric(id, request);
              onDone(i18n.t('dashboard.definitions.notices.saved', { metric: saved.metric.name }));
            }}
            actions={
              <>
                <CancelLink go={go} />
                <DeleteCustomMetric api={api} metric={metric} onDone={onDone} />
              </>
            }
          />
        </>
      )}
    </section>
  );
}

/**
 * Deleting asks first, in the page rather than a browser dialog: the question names the metric and
 * says what stays (core index versions keep their own copy of its filters); focus moves to it.
 */
function DeleteCustomMetric({ api, metric, onDone }: { api: ApiClient; metric: CustomMetric; onDone: OnDone }) {
  const [asking, setAsking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // Focus follows the question: to "Delete it" when asked, back to "Delete" when kept.
  useEffect(() => {
    if (asking) confirm.current?.focus();
    else if (asked.current) start.current?.focus();
    asked.current = asking;
  }, [asking]);
  if (!asking) {
    return (
      <button ref={start} type="button" className="danger" onClick={() => setAsking(true)}>
        {i18n.t('dashboard.definitions.delete.start')}
      </button>
    );
  }
  const remove = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await api.deleteCustomMetric(metric.id);
      onDone(i18n.t('dashboard.definitions.notices.deleted', { metric: metric.name }));
    } catch (error) {
      setFailure(errorMessage(error));
      setBusy(false);
    }
  };
  return (
    <div role="group" aria-labelledby="delete-question" className="confirm wide" data-testid="delete-confirm">
      <p id="delete-question">{i18n.t('dashboard.definitions.delete.question', { metric: metric.name })}</p>
      <div className="row">
        <button ref={confirm} type="button" className="danger" disabled={busy} onClick={() => void remove()}>
          {i18n.t('dashboard.definitions.delete.confirm')}
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          {i18n.t('dashboard.definitions.delete.keep')}
        </button>
      </div>
      {failure && (
        <p className="error" role="alert">
          {i18n.t('dashboard.definitions.delete.failed', { message: failure })}
        </p>
      )}
    </div>
  );
}
