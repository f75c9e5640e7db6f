import { useEffect, useRef, useState, type FormEvent } from 'react';
import { SurveyKind, type SurveyCreateRequest } from '../../contract';
import { errorMessage } from '../../utils/error-message';
import { formatNumber } from '../../utils/format';
import { i18n } from '../../utils/i18n';
import { checkForm, type FormErrors, type SurveyForm } from '../../utils/survey-admin/form';
import { localTimeZone } from '../../utils/survey-admin/local-time';
import { ChoiceOptions } from './ChoiceOptions';
import { FieldConditions } from './FieldConditions';
import { FieldErrors, groupProps, invalidProps, TextField } from './field-errors';

/** Problems that belong to no single field, shown in the summary at the top. */
const SUMMARY_SLOTS = ['form', 'kind', 'allowComment'] as const;

/**
 * The survey form: a new survey or a draft. It is checked with the contract's schema on submit; the
 * problems appear beside their fields and focus moves to the first one. What the API then refuses
 * is shown in its own words.
 */
export function SurveyFormView({
  initial,
  onSave,
  onCancel,
}: {
  initial: SurveyForm;
  /** Sends the checked survey; a thrown error is shown. */
  onSave: (request: SurveyCreateRequest, activate: boolean) => Promise<void>;
  onCancel: () => void;
}) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [checks, setChecks] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (checks > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [checks]);

  const set =
    <K extends keyof SurveyForm>(key: K) =>
    (value: SurveyForm[K]) =>
      setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const activate = submitter?.getAttribute('value') === 'active';
    const checked = checkForm(form, activate ? 'active' : 'draft');
    setFailure(null);
    if (!checked.ok) {
      setErrors(checked.errors);
      setChecks((n) => n + 1);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await onSave(checked.request, activate);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const problemCount = Object.values(errors).reduce((n, list) => n + (list?.length ?? 0), 0);
  const summary = SUMMARY_SLOTS.flatMap((slot) => errors[slot] ?? []);

  return (
    <form ref={formRef} className="survey-form" onSubmit={(e) => void submit(e)} noValidate>
      {problemCount > 0 && (
        <div className="error" role="alert" data-testid="form-problems">
          <p>{i18n.t('surveys.form.problems', problemCount, { count: formatNumber(problemCount) })}</p>
          {summary.length > 0 && (
            <ul>
              {summary.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="form-field">
        <label htmlFor="survey-question">{i18n.t('surveys.form.question')}</label>
        <textarea
          id="survey-question"
          rows={2}
          value={form.question}
          onChange={(e) => set('question')(e.currentTarget.value)}
          {...invalidProps(errors, 'question')}
        />
        <FieldErrors errors={errors} slot="question" />
      </div>

      <fieldset className="survey-group">
        <legend>{i18n.t('surveys.form.kind')}</legend>
        <div className="row">
          {SurveyKind.options.map((kind) => (
            <label key={kind} className="check">
              <input
                type="radio"
                name="survey-kind"
                value={kind}
                checked={form.kind === kind}
                onChange={() => set('kind')(kind)}
              />
              {i18n.t(`surveys.kinds.${kind}`)}
            </label>
          ))}
        </div>
      </fieldset>

      {form.kind === 'scale' && (
        <fieldset className="survey-group form-grid" {...groupProps(errors, 'scale')}>
          <legend>{i18n.t('surveys.form.scale')}</legend>
          <TextField
            id="survey-scale-min"
            type="number"
            label={i18n.t('surveys.form.scaleMin')}
            value={form.scaleMin}
            onChange={set('scaleMin')}
            errors={errors}
            slot="scaleMin"
            inputProps={{ step: 1 }}
          />
          <TextField
            id="survey-scale-max"
            type="number"
            label={i18n.t('surveys.form.scaleMax')}
            value={form.scaleMax}
            onChange={set('scaleMax')}
            errors={errors}
            slot="scaleMax"
            inputProps={{ step: 1 }}
          />
          <TextField
            id="survey-min-label"
            label={i18n.t('surveys.form.minLabel')}
            value={form.minLabel}
            onChange={set('minLabel')}
            errors={errors}
            slot="minLabel"
          />
          <TextField
            id="survey-max-label"
            label={i18n.t('surveys.form.maxLabel')}
            value={form.maxLabel}
            onChange={set('maxLabel')}
            errors={errors}
            slot="maxLabel"
          />
          <FieldErrors errors={errors} slot="scale" />
        </fieldset>
      )}

      {form.kind === 'choice' && <ChoiceOptions form={form} errors={errors} onChange={set('options')} />}

      <label className="check">
        <input
          type="checkbox"
          checked={form.allowComment}
          onChange={(e) => set('allowComment')(e.currentTarget.checked)}
        />
        {i18n.t('surveys.form.allowComment')}
      </label>

      <fieldset className="survey-group form-grid">
        <legend>{i18n.t('surveys.form.targeting')}</legend>
        <p className="muted hint wide">{i18n.t('surveys.form.targetingHint')}</p>
        {(['sites', 'queues', 'policies', 'sections'] as const).map((list) => (
          <TextField
            key={list}
            id={`survey-${list}`}
            label={i18n.t(`surveys.form.${list}`)}
            value={form[list]}
            onChange={set(list)}
            errors={errors}
            slot={list}
          />
        ))}
      </fieldset>
      <FieldConditions rows={form.fields} errors={errors} onChange={set('fields')} />

      <fieldset className="survey-group form-grid">
        <legend>{i18n.t('surveys.form.window')}</legend>
        <p className="muted hint wide">{i18n.t('surveys.form.timeZone', { zone: localTimeZone() })}</p>
        <TextField
          id="survey-starts"
          type="datetime-local"
          label={i18n.t('surveys.form.startsAt')}
          value={form.startsAt}
          onChange={set('startsAt')}
          errors={errors}
          slot="startsAt"
        />
        <TextField
          id="survey-ends"
          type="datetime-local"
          label={i18n.t('surveys.form.endsAt')}
          value={form.endsAt}
          onChange={set('endsAt')}
          errors={errors}
          slot="endsAt"
        />
      </fieldset>

      <div className="form-grid">
        <TextField
          id="survey-sampling"
          type="number"
          label={i18n.t('surveys.form.sampling')}
          hint={i18n.t('surveys.form.samplingHint')}
          value={form.samplingPercent}
          onChange={set('samplingPercent')}
          errors={errors}
          slot="samplingPercent"
          // The contract speaks of a rate from 0 to 1; the form asks for a percent.
          override={i18n.t('surveys.form.samplingInvalid')}
          inputProps={{ min: 0, max: 100, step: 'any' }}
        />
        <TextField
          id="survey-cap"
          type="number"
          label={i18n.t('surveys.form.responseCap')}
          value={form.responseCap}
          onChange={set('responseCap')}
          errors={errors}
          slot="responseCap"
          inputProps={{ min: 1, step: 1 }}
        />
      </div>

      {failure && (
        <p className="error" role="alert" data-testid="save-failed">
          {i18n.t('surveys.form.saveFailed', { message: failure })}
        </p>
      )}
      <div className="row">
        <button type="submit" name="intent" value="draft" disabled={saving}>
          {i18n.t('surveys.form.saveDraft')}
        </button>
        <button type="submit" name="intent" value="active" className="primary" disabled={saving}>
          {i18n.t('surveys.form.saveActive')}
        </button>
        <button type="button" onClick={onCancel}>
          {i18n.t('surveys.form.cancel')}
        </button>
      </div>
    </form>
  );
}
