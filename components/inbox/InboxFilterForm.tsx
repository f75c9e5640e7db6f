import { useState, type FormEvent } from 'react';
import { GapReportStatus, GapReportType, GapSeverity, InboxSort, Role } from '../../contract';
import { i18n } from '../../utils/i18n';
import type { ViewFields, ViewKey } from '../../utils/inbox/view';

/** A comma-list filter shown as a multiple select: every option the contract knows, labelled. */
function MultiSelect({
  name,
  label,
  options,
  value,
  onChange,
}: {
  name: ViewKey;
  label: string;
  options: readonly { value: string; label: string }[];
  value: string | undefined;
  onChange: (value: string) => void;
}) {
  const chosen = new Set((value ?? '').split(',').filter(Boolean));
  return (
    <label>
      {label}
      <select
        multiple
        name={name}
        size={Math.min(options.length, 5)}
        value={[...chosen]}
        onChange={(event) => onChange([...event.currentTarget.selectedOptions].map((o) => o.value).join(','))}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A one-value text filter. */
function TextFilter({
  name,
  label,
  value,
  onChange,
  type = 'text',
  hint,
}: {
  name: ViewKey;
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
  type?: 'text' | 'date' | 'search';
  hint?: string;
}) {
  return (
    <label>
      {label}
      <input
        type={type}
        name={name}
        value={value ?? ''}
        title={hint}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
    </label>
  );
}

/**
 * The inbox's filters as a form: edited freely, applied together (one request, one URL), so typing
 * a search does not fire a request per key. Every option's label comes from the messages.
 */
export function InboxFilterForm({ fields, onApply }: { fields: ViewFields; onApply: (fields: ViewFields) => void }) {
  const [draft, setDraft] = useState<ViewFields>(fields);
  const set = (key: ViewKey) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form className="filters inbox-filters" onSubmit={submit} aria-labelledby="inbox-filters-title">
      <h2 id="inbox-filters-title">{i18n.t('inbox.filters')}</h2>
      <div className="filter-grid">
        <MultiSelect
          name="status"
          label={i18n.t('inbox.status')}
          value={draft.status}
          onChange={set('status')}
          options={GapReportStatus.options.map((s) => ({ value: s, label: i18n.t(`reports.status.${s}`) }))}
        />
        <MultiSelect
          name="type"
          label={i18n.t('inbox.type')}
          value={draft.type}
          onChange={set('type')}
          options={GapReportType.options.map((t) => ({ value: t, label: i18n.t(`report.types.${t}`) }))}
        />
        <MultiSelect
          name="severity"
          label={i18n.t('inbox.severity')}
          value={draft.severity}
          onChange={set('severity')}
          options={GapSeverity.options.map((s) => ({ value: s, label: i18n.t(`report.severities.${s}`) }))}
        />
        <MultiSelect
          name="reporterRole"
          label={i18n.t('inbox.reporterRole')}
          value={draft.reporterRole}
          onChange={set('reporterRole')}
          options={Role.options.map((r) => ({ value: r, label: i18n.t(`roles.${r}`) }))}
        />
        <TextFilter name="site" label={i18n.t('inbox.site')} value={draft.site} onChange={set('site')} />
        <TextFilter name="queue" label={i18n.t('inbox.queue')} value={draft.queue} onChange={set('queue')} />
        <TextFilter name="policy" label={i18n.t('inbox.policy')} value={draft.policy} onChange={set('policy')} />
        <TextFilter
          name="guideline"
          label={i18n.t('inbox.guideline')}
          value={draft.guideline}
          onChange={set('guideline')}
        />
        <TextFilter name="section" label={i18n.t('inbox.section')} value={draft.section} onChange={set('section')} />
        <TextFilter name="version" label={i18n.t('inbox.version')} value={draft.version} onChange={set('version')} />
        <TextFilter
          name="assignee"
          label={i18n.t('inbox.assignee')}
          value={draft.assignee}
          onChange={set('assignee')}
          hint={i18n.t('inbox.assigneeHint')}
        />
        <TextFilter name="from" type="date" label={i18n.t('inbox.from')} value={draft.from} onChange={set('from')} />
        <TextFilter name="to" type="date" label={i18n.t('inbox.to')} value={draft.to} onChange={set('to')} />
        <TextFilter name="q" type="search" label={i18n.t('inbox.q')} value={draft.q} onChange={set('q')} />
        <label>
          {i18n.t('inbox.sort')}
          <select name="sort" value={draft.sort ?? 'created_desc'} onChange={(e) => set('sort')(e.currentTarget.value)}>
            {InboxSort.options.map((sort) => (
              <option key={sort} value={sort}>
                {i18n.t(`inbox.sorts.${sort}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            name="merged"
            checked={draft.merged === 'include'}
            onChange={(e) => set('merged')(e.currentTarget.checked ? 'include' : '')}
          />
          {i18n.t('inbox.merged')}
        </label>
      </div>
      <div className="row">
        <button type="submit" className="primary">
          {i18n.t('inbox.apply')}
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft({});
            onApply({});
          }}
        >
          {i18n.t('inbox.clear')}
        </button>
      </div>
    </form>
  );
}
