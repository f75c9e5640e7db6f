import { useId } from 'react';
import { EventKind, Verdict } from '../../contract/quality';
import type { EventFilter } from '../../utils/items/event-filter';
import { i18n } from '../../utils/i18n';

/**
 * The timeline's filters: kind, verdict, policy and a date range. Each is a
 * labelled native control, so the keyboard and screen readers work as usual.
 */
export function EventFilters({
  filter,
  policies,
  onChange,
}: {
  filter: EventFilter;
  /** The policies of the events loaded so far. */
  policies: readonly string[];
  onChange: (next: EventFilter) => void;
}) {
  const id = useId();
  const set = (patch: Partial<EventFilter>) => onChange({ ...filter, ...patch });
  const value = (v: string) => (v === '' ? undefined : v);
  return (
    <fieldset className="filters" data-testid="event-filters">
      <legend>{i18n.t('filters.legend')}</legend>
      <label htmlFor={`${id}-kind`}>{i18n.t('filters.kind')}</label>
      <select
        id={`${id}-kind`}
        value={filter.kind ?? ''}
        onChange={(e) => set({ kind: value(e.target.value) as EventFilter['kind'] })}
      >
        <option value="">{i18n.t('filters.any')}</option>
        {EventKind.options.map((kind) => (
          <option key={kind} value={kind}>
            {i18n.t(`history.kind.${kind}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-verdict`}>{i18n.t('filters.verdict')}</label>
      <select
        id={`${id}-verdict`}
        value={filter.verdict ?? ''}
        onChange={(e) => set({ verdict: value(e.target.value) as EventFilter['verdict'] })}
      >
        <option value="">{i18n.t('filters.any')}</option>
        {Verdict.options.map((verdict) => (
          <option key={verdict} value={verdict}>
            {i18n.t(`verdict.${verdict}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-policy`}>{i18n.t('filters.policy')}</label>
      <select id={`${id}-policy`} value={filter.policy ?? ''} onChange={(e) => set({ policy: value(e.target.value) })}>
        <option value="">{i18n.t('filters.any')}</option>
        {policies.map((policy) => (
          <option key={policy} value={policy}>
            {policy}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-from`}>{i18n.t('filters.from')}</label>
      <input
        id={`${id}-from`}
        type="date"
        value={filter.from ?? ''}
        onChange={(e) => set({ from: value(e.target.value) })}
      />
      <label htmlFor={`${id}-to`}>{i18n.t('filters.to')}</label>
      <input id={`${id}-to`} type="date" value={filter.to ?? ''} onChange={(e) => set({ to: value(e.target.value) })} />
      <button type="button" onClick={() => onChange({})}>
        {i18n.t('filters.clear')}
      </button>
    </fieldset>
  );
}
