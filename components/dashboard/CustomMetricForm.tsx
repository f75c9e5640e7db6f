import { useState, type ReactNode } from 'react';
import type { CustomMetricForm as Form, CustomMetricSlot } from '../../utils/dashboard/definitions-form';
import { formatNumber } from '../../utils/format';
import { i18n } from '../../utils/i18n';
import { problemCount, useCheckedSubmit, type FormCheck } from '../checked-form';
import { FilterFields, metricFormKit } from './CustomMetricFields';

/**
 * A custom metric's form: its id (when new), name, description, the numerator filter and, for a
 * proportion, the denominator filter. Checked with the contract's schema on submit; the problems
 * appear beside their fields and focus moves to the first one. What the API then refuses (an id
 * already taken) is shown in its own words.
 */
export function CustomMetricForm<T>({
  initial,
  isNew,
  check,
  onSave,
  actions,
}: {
  initial: Form;
  /** A new metric asks for its id; an existing one keeps it (links and core index versions name it). */
  isNew: boolean;
  check: FormCheck<Form, T, CustomMetricSlot>;
  /** Sends the checked metric; a thrown error is shown. */
  onSave: (request: T) => Promise<void>;
  /** Links and buttons after "Save" (cancel, delete). */
  actions: ReactNode;
}) {
  const [form, setForm] = useState(initial);
  const { ref, errors, failure, saving, submit } = useCheckedSubmit(check, onSave);
  const { TextField, FieldErrors, invalidProps } = metricFormKit;
  const set =
    <K extends keyof Form>(key: K) =>
    (value: Form[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  const count = problemCount(errors);
  return (
    <form
      ref={ref}
      className="survey-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(form);
      }}
      noValidate
    >
      {count > 0 && (
        <div className="error" role="alert" data-testid="form-problems">
          <p>{i18n.t('dashboard.definitions.form.problems', count, { count: formatNumber(count) })}</p>
          <FieldErrors errors={errors} slot="form" />
        </div>
      )}
      <div className="form-grid">
        {isNew && (
          <TextField
            id="metric-id"
            label={i18n.t('dashboard.definitions.form.id')}
            hint={i18n.t('dashboard.definitions.form.idHint')}
            value={form.id}
            onChange={set('id')}
            errors={errors}
            slot="id"
            inputProps={{ spellCheck: false, autoComplete: 'off' }}
          />
        )}
        <TextField
          id="metric-name"
          label={i18n.t('dashboard.definitions.form.name')}
          value={form.name}
          onChange={set('name')}
          errors={errors}
          slot="name"
        />
      </div>
      <div className="form-field">
        <label htmlFor="metric-description">{i18n.t('dashboard.definitions.form.description')}</label>
        <textarea
          id="metric-description"
          rows={2}
          value={form.description}
          onChange={(e) => set('description')(e.currentTarget.value)}
          {...invalidProps(errors, 'description')}
        />
        <FieldErrors errors={errors} slot="description" />
      </div>
      <FilterFields side="numerator" filter={form.numerator} onChange={set('numerator')} errors={errors} />
      <label className="check">
        <input
          type="checkbox"
          checked={form.proportion}
          onChange={(e) => set('proportion')(e.currentTarget.checked)}
          aria-describedby="metric-proportion-hint"
        />
        {i18n.t('dashboard.definitions.form.proportion')}
      </label>
      <p id="metric-proportion-hint" className="muted hint">
        {i18n.t('dashboard.definitions.form.proportionHint')}
      </p>
      {form.proportion && (
        <FilterFields side="denominator" filter={form.denominator} onChange={set('denominator')} errors={errors} />
      )}
      {failure && (
        <p className="error" role="alert" data-testid="save-failed">
          {i18n.t('dashboard.definitions.form.saveFailed', { message: failure })}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={saving}>
          {i18n.t('dashboard.definitions.form.save')}
        </button>
        {actions}
      </div>
    </form>
  );
}
