import { useEffect, useState } from 'react';
import type { CoreIndexInput, MetricDefinition } from '../../contract';
import {
  checkCoreIndex,
  nextComponent,
  type ComponentRow,
  type CoreIndexForm as Form,
  type CoreIndexSlot,
} from '../../utils/dashboard/definitions-core-index';
import { weightShares } from '../../utils/dashboard/definitions-labels';
import { metricName } from '../../utils/dashboard/labels';
import { formatNumber, formatPercent } from '../../utils/format';
import { i18n } from '../../utils/i18n';
import { checkedFormKit, problemCount, useCheckedSubmit, type FormErrors } from '../checked-form';

const kit = checkedFormKit<CoreIndexSlot>('index-error');

/**
 * The form for the next version of the core index, starting from the one in force: its name,
 * description and metrics, each a proportion with a weight and whether lower is better. Checked
 * with the contract's schema on submit, problems beside their rows; the API's refusal (a metric
 * that is a count or no longer exists) in its own words.
 */
export function CoreIndexForm({
  initial,
  nextVersion,
  proportions,
  onSave,
}: {
  initial: Form;
  nextVersion: number;
  /** The metrics a component may name. */
  proportions: readonly MetricDefinition[];
  onSave: (request: CoreIndexInput) => Promise<void>;
}) {
  const [form, setForm] = useState(initial);
  const { ref, errors, failure, saving, submit } = useCheckedSubmit(checkCoreIndex, onSave);
  // After adding or removing a row, focus goes where the keyboard user continues: the new row, or "Add".
  // (A new object each time, so moving focus to the same place twice still moves it.)
  const [focus, setFocus] = useState<{ id: string } | null>(null);
  useEffect(() => {
    if (focus) document.getElementById(focus.id)?.focus();
  }, [focus]);
  const { TextField, FieldErrors, invalidProps, groupProps } = kit;
  const rows = form.components;
  const setRows = (components: ComponentRow[]) => setForm((f) => ({ ...f, components }));
  const added = nextComponent(form, proportions);
  const shares = weightShares(rows.map((row) => Number(row.weight)));
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
      <TextField
        id="index-name"
        label={i18n.t('dashboard.definitions.index.name')}
        value={form.name}
        onChange={(name) => setForm((f) => ({ ...f, name }))}
        errors={errors}
        slot="name"
      />
      <div className="form-field">
        <label htmlFor="index-description">{i18n.t('dashboard.definitions.index.description')}</label>
        <textarea
          id="index-description"
          rows={2}
          value={form.description}
          onChange={(e) => setForm((f) => ({ ...f, description: e.currentTarget.value }))}
          {...invalidProps(errors, 'description')}
        />
        <FieldErrors errors={errors} slot="description" />
      </div>
      <fieldset className="survey-group" {...groupProps(errors, 'components')}>
        <legend>{i18n.t('dashboard.definitions.index.components')}</legend>
        <p className="muted hint">{i18n.t('dashboard.definitions.index.weightsHint')}</p>
        <ol className="option-rows">
          {rows.map((row, i) => (
            <ComponentFields
              key={i}
              index={i}
              row={row}
              share={shares[i] ?? null}
              proportions={proportions}
              errors={errors}
              onChange={(next) => setRows(rows.map((r, j) => (j === i ? next : r)))}
              onRemove={() => {
                setRows(rows.filter((_, j) => j !== i));
                setFocus({ id: 'index-add' });
              }}
            />
          ))}
        </ol>
        <FieldErrors errors={errors} slot="components" />
        <button
          id="index-add"
          type="button"
          disabled={!added}
          onClick={() => {
            if (!added) return;
            setRows([...rows, added]);
            setFocus({ id: `index-metric-${rows.length}` });
          }}
        >
          {i18n.t('dashboard.definitions.index.add')}
        </button>
      </fieldset>
      {failure && (
        <p className="error" role="alert" data-testid="save-failed">
          {i18n.t('dashboard.definitions.form.saveFailed', { message: failure })}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={saving}>
          {i18n.t('dashboard.definitions.index.save', { version: formatNumber(nextVersion) })}
        </button>
      </div>
    </form>
  );
}

/** One metric of the index: which one, its weight (and the share of the index that makes), and whether lower is better. */
function ComponentFields({
  index,
  row,
  share,
  proportions,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  row: ComponentRow;
  share: number | null;
  proportions: readonly MetricDefinition[];
  errors: FormErrors<CoreIndexSlot>;
  onChange: (row: ComponentRow) => void;
  onRemove: () => void;
}) {
  const { TextField, FieldErrors, invalidProps } = kit;
  const n = formatNumber(index + 1);
  const known = proportions.find((d) => d.id === row.metric);
  const metricSlot: CoreIndexSlot = `components.${index}.metric`;
  return (
    <li>
      <fieldset className="survey-group form-grid index-component" data-testid="index-component">
        <legend>{i18n.t('dashboard.definitions.index.component', { n })}</legend>
        <div className="form-field">
          <label htmlFor={`index-metric-${index}`}>{i18n.t('dashboard.definitions.index.metric')}</label>
          <select
            id={`index-metric-${index}`}
            value={row.metric}
            onChange={(e) => onChange({ ...row, metric: e.currentTarget.value })}
            {...invalidProps(errors, metricSlot)}
          >
            {/* A version may name a custom metric deleted since: it stays, by its id, until changed. */}
            {!known && <option value={row.metric}>{row.metric}</option>}
            {proportions.map((d) => (
              <option key={d.id} value={d.id}>
                {metricName(d)}
              </option>
            ))}
          </select>
          <FieldErrors errors={errors} slot={metricSlot} />
        </div>
        <TextField
          id={`index-weight-${index}`}
          type="number"
          label={i18n.t('dashboard.definitions.index.weight')}
          hint={
            share === null ? undefined : i18n.t('dashboard.definitions.index.share', { share: formatPercent(share, 1) })
          }
          value={row.weight}
          onChange={(weight) => onChange({ ...row, weight })}
          errors={errors}
          slot={`components.${index}.weight`}
          inputProps={{ min: 0, step: 'any' }}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={row.invert}
            onChange={(e) => onChange({ ...row, invert: e.currentTarget.checked })}
          />
          {i18n.t('dashboard.definitions.index.invert')}
        </label>
        <button type="button" onClick={onRemove}>
          {i18n.t('dashboard.definitions.index.remove', { n })}
        </button>
      </fieldset>
    </li>
  );
}
