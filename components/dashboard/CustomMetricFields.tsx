import { EventKind, Verdict } from '../../contract';
import { dimensionName } from '../../utils/dashboard/labels';
import {
  LIST_FIELD_DIMENSION,
  LIST_FIELDS,
  type CustomMetricErrors,
  type CustomMetricSlot,
  type FilterForm,
  type FilterSide,
} from '../../utils/dashboard/definitions-form';
import { i18n } from '../../utils/i18n';
import { checkedFormKit } from '../checked-form';

/** The custom-metric form's problem helpers. */
export const metricFormKit = checkedFormKit<CustomMetricSlot>('metric-error');

/**
 * One filter of a custom metric: the kinds and verdicts it keeps, ticked from the contract's own
 * lists, and the sites, queues, policies and guideline versions as comma lists. Nothing ticked or
 * typed in a field means any value.
 */
export function FilterFields({
  side,
  filter,
  onChange,
  errors,
}: {
  side: FilterSide;
  filter: FilterForm;
  onChange: (filter: FilterForm) => void;
  errors: CustomMetricErrors;
}) {
  const { groupProps, FieldErrors, TextField } = metricFormKit;
  const legend =
    side === 'numerator'
      ? i18n.t('dashboard.definitions.form.numerator')
      : i18n.t('dashboard.definitions.form.denominator');
  const hint =
    side === 'numerator'
      ? i18n.t('dashboard.definitions.form.numeratorHint')
      : i18n.t('dashboard.definitions.form.denominatorHint');
  const toggle = <K extends 'kind' | 'verdict'>(key: K, value: FilterForm[K][number], on: boolean) =>
    onChange({
      ...filter,
      [key]: on ? [...filter[key], value] : (filter[key] as string[]).filter((v) => v !== value),
    });
  return (
    <fieldset className="survey-group form-grid" data-testid={`filter-${side}`} {...groupProps(errors, side)}>
      <legend>{legend}</legend>
      <p className="muted hint wide">{hint}</p>
      <fieldset className="check-group" {...groupProps(errors, `${side}.kind`)}>
        <legend>{i18n.t('dashboard.definitions.filter.kind')}</legend>
        {EventKind.options.map((kind) => (
          <label key={kind} className="check">
            <input
              type="checkbox"
              checked={filter.kind.includes(kind)}
              onChange={(e) => toggle('kind', kind, e.currentTarget.checked)}
            />
            {i18n.t(`history.kind.${kind}`)}
          </label>
        ))}
        <FieldErrors errors={errors} slot={`${side}.kind`} />
      </fieldset>
      <fieldset className="check-group" {...groupProps(errors, `${side}.verdict`)}>
        <legend>{i18n.t('dashboard.definitions.filter.verdict')}</legend>
        {Verdict.options.map((verdict) => (
          <label key={verdict} className="check">
            <input
              type="checkbox"
              checked={filter.verdict.includes(verdict)}
              onChange={(e) => toggle('verdict', verdict, e.currentTarget.checked)}
            />
            {i18n.t(`verdict.${verdict}`)}
          </label>
        ))}
        <FieldErrors errors={errors} slot={`${side}.verdict`} />
      </fieldset>
      {LIST_FIELDS.map((field) => (
        <TextField
          key={field}
          id={`${side}-${field}`}
          label={dimensionName(LIST_FIELD_DIMENSION[field])}
          hint={i18n.t('dashboard.definitions.form.listHint')}
          value={filter[field]}
          onChange={(value) => onChange({ ...filter, [field]: value })}
          errors={errors}
          slot={`${side}.${field}`}
        />
      ))}
      <FieldErrors errors={errors} slot={side} />
    </fieldset>
  );
}
