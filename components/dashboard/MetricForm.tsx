import { useId, useState, type FormEvent } from 'react';
import type { MetricDefinition } from '../../contract';
import type { QueryFields } from '../../utils/api/metrics-calls';
import { dimensionName, metricName } from '../../utils/dashboard/labels';
import { FILTER_KEYS } from '../../utils/dashboard/view';
import { i18n } from '../../utils/i18n';

/**
 * What a metric view shows: the metric, how its series are grouped, the days in a time zone, and
 * filters on the metric's dimensions. Nothing is sent until "Show"; the view then becomes the URL.
 */
export function MetricForm({
  fields,
  definitions,
  onApply,
}: {
  fields: QueryFields;
  definitions: readonly MetricDefinition[];
  onApply: (fields: QueryFields) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Record<string, string>>(() => ({ ...fields }) as Record<string, string>);
  const set = (key: string) => (event: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: event.target.value }));
  const metric = definitions.find((d) => d.id === draft.metric);
  // A metric the definitions do not list (a link to a custom metric since deleted) still shows by its id.
  const dimensions = metric?.dimensions ?? FILTER_KEYS;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const keep = (key: string) => !FILTER_KEYS.includes(key as never) || dimensions.includes(key as never);
    onApply(Object.fromEntries(Object.entries(draft).filter(([key]) => keep(key))));
  };
  return (
    <form className="filters dashboard-form" onSubmit={submit} aria-label={i18n.t('dashboard.form.label')}>
      <div className="row">
        <label htmlFor={`${id}-metric`}>{i18n.t('dashboard.form.metric')}</label>
        <select id={`${id}-metric`} value={draft.metric ?? ''} onChange={set('metric')}>
          {!metric && draft.metric && <option value={draft.metric}>{draft.metric}</option>}
          {definitions.map((d) => (
            <option key={d.id} value={d.id}>
              {metricName(d)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-groupBy`}>{i18n.t('dashboard.form.groupBy')}</label>
        <select id={`${id}-groupBy`} value={draft.groupBy ?? 'none'} onChange={set('groupBy')}>
          <option value="none">{dimensionName('none')}</option>
          {dimensions.map((dimension) => (
            <option key={dimension} value={dimension}>
              {dimensionName(dimension)}
            </option>
          ))}
        </select>
      </div>
      <DayRange id={id} draft={draft} set={set} />
      <fieldset className="row">
        <legend>{i18n.t('dashboard.form.filters')}</legend>
        {dimensions.map((dimension) => (
          <span key={dimension} className="field">
            <label htmlFor={`${id}-${dimension}`}>{dimensionName(dimension)}</label>
            <input
              id={`${id}-${dimension}`}
              type="text"
              value={draft[dimension] ?? ''}
              onChange={set(dimension)}
              placeholder={i18n.t('dashboard.form.any')}
            />
          </span>
        ))}
      </fieldset>
      <button type="submit" className="primary">
        {i18n.t('dashboard.form.show')}
      </button>
    </form>
  );
}

/** From, to and the time zone whose calendar days they are: every dashboard form has them. */
export function DayRange({
  id,
  draft,
  set,
}: {
  id: string;
  draft: Record<string, string>;
  set: (key: string) => (event: { target: { value: string } }) => void;
}) {
  return (
    <div className="row">
      <label htmlFor={`${id}-from`}>{i18n.t('dashboard.form.from')}</label>
      <input id={`${id}-from`} type="date" value={draft.from ?? ''} onChange={set('from')} />
      <label htmlFor={`${id}-to`}>{i18n.t('dashboard.form.to')}</label>
      <input id={`${id}-to`} type="date" value={draft.to ?? ''} onChange={set('to')} />
      <label htmlFor={`${id}-tz`}>{i18n.t('dashboard.form.tz')}</label>
      <input
        id={`${id}-tz`}
        type="text"
        list={`${id}-zones`}
        value={draft.tz ?? ''}
        onChange={set('tz')}
        spellCheck={false}
      />
      <datalist id={`${id}-zones`}>
        {timeZones().map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </div>
  );
}

/** Every IANA zone this browser knows, offered while typing (the contract still checks what is sent). */
function timeZones(): readonly string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  return zones;
}
let zones: string[] | undefined;
