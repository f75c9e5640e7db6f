import { useId, useState, type FormEvent } from 'react';
import type { SectionSignal, SignalSide } from '../../contract';
import type { ApiClient } from '../../utils/api/client';
import { dashboardSearch, viewOf, type DashboardView } from '../../utils/dashboard/view';
import { formatDate, formatNumber, formatPercent } from '../../utils/format';
import { useLoaded } from '../../utils/hooks/use-loaded';
import { i18n } from '../../utils/i18n';
import { CsvButton } from './CsvButton';
import { DashLink, type DashGo } from './DashLink';
import { DayRange } from './MetricForm';

/**
 * The link no other tool makes: guideline sections whose error rate and gap reports rose together
 * around a version change, strongest first, each with the events and the reports behind it.
 */
export function SectionsView({
  api,
  view,
  problem,
  go,
}: {
  api: ApiClient;
  view: DashboardView;
  problem: string | null;
  go: DashGo;
}) {
  const search = dashboardSearch(view);
  const fields = view.fields;
  const loaded = useLoaded(() => api.sectionSignals(fields), problem ? null : search);
  const signals = loaded.value?.signals ?? [];
  return (
    <section aria-labelledby="sections-heading">
      <h2 id="sections-heading">{i18n.t('dashboard.sections.title')}</h2>
      <p className="muted">{i18n.t('dashboard.sections.intro')}</p>
      <SectionsForm key={search} fields={fields} onApply={(f) => go(viewOf('sections', f))} />
      <p className="muted" role="status">
        {loaded.loading ? i18n.t('dashboard.loading') : ''}
      </p>
      {loaded.error && (
        <p className="error" role="alert">
          {i18n.t('dashboard.failed', { message: loaded.error })}
        </p>
      )}
      {loaded.value && (
        <>
          <CsvButton
            label={i18n.t('dashboard.csv.sections')}
            filename={`qa-lens-section-signals-${fields.from}-${fields.to}.csv`}
            load={() => api.sectionSignalsCsv(fields)}
          />
          {signals.length === 0 ? (
            <p className="muted">{i18n.t('dashboard.sections.none')}</p>
          ) : (
            <table className="grid" data-testid="section-signals">
              <caption className="sr-only">{i18n.t('dashboard.sections.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{i18n.t('dashboard.sections.rank')}</th>
                  <th scope="col">{i18n.t('dashboard.sections.section')}</th>
                  <th scope="col">{i18n.t('dashboard.sections.change')}</th>
                  <th scope="col">{i18n.t('dashboard.sections.errorRate')}</th>
                  <th scope="col">{i18n.t('dashboard.sections.reports')}</th>
                  <th scope="col">{i18n.t('dashboard.sections.queue')}</th>
                  <th scope="col">{i18n.t('dashboard.sections.score')}</th>
                  <th scope="col">{i18n.t('dashboard.sections.behind')}</th>
                </tr>
              </thead>
              <tbody>
                {signals.map((signal, i) => (
                  <SignalRow
                    key={`${signal.guidelineId}/${signal.sectionId}/${signal.toVersion}`}
                    rank={i + 1}
                    signal={signal}
                    tz={fields.tz ?? 'UTC'}
                    go={go}
                  />
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function SectionsForm({
  fields,
  onApply,
}: {
  fields: DashboardView['fields'];
  onApply: (fields: DashboardView['fields']) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Record<string, string>>(() => ({ ...fields }) as Record<string, string>);
  const set = (key: string) => (event: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: event.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form className="filters dashboard-form" onSubmit={submit} aria-label={i18n.t('dashboard.form.label')}>
      <DayRange id={id} draft={draft} set={set} />
      <div className="row">
        <label htmlFor={`${id}-window`}>{i18n.t('dashboard.sections.windowDays')}</label>
        <input
          id={`${id}-window`}
          type="number"
          min={1}
          max={90}
          value={draft.windowDays ?? ''}
          onChange={set('windowDays')}
        />
        <label htmlFor={`${id}-site`}>{i18n.t('dashboard.dimensions.site')}</label>
        <input
          id={`${id}-site`}
          type="text"
          value={draft.site ?? ''}
          onChange={set('site')}
          placeholder={i18n.t('dashboard.form.any')}
        />
      </div>
      <button type="submit" className="primary">
        {i18n.t('dashboard.form.show')}
      </button>
    </form>
  );
}

/** "4.1% → 38.2% (n 310 → 402)": one side against the other. */
function errorRates(before: SignalSide, after: SignalSide): string {
  const rate = (side: SignalSide) =>
    side.errorRate === null ? i18n.t('dashboard.noValue') : formatPercent(side.errorRate);
  return i18n.t('dashboard.sections.beforeAfter', {
    before: rate(before),
    after: rate(after),
    nBefore: formatNumber(before.judged),
    nAfter: formatNumber(after.judged),
  });
}

const z = (value: number | null) => (value === null ? i18n.t('dashboard.noValue') : value.toFixed(1));

function SignalRow({ rank, signal, tz, go }: { rank: number; signal: SectionSignal; tz: string; go: DashGo }) {
  const name = signal.heading || signal.sectionId;
  const queue = signal.byQueue[0];
  const inbox = (query: Record<string, string>) => `/inbox.html?${new URLSearchParams(query).toString()}`;
  const chart = viewOf('metric', {
    metric: 'accuracy',
    groupBy: 'queue',
    from: signal.before.from,
    to: signal.after.to,
    tz,
    site: signal.site,
    policy: signal.policies.length === 1 ? signal.policies[0] : undefined,
  });
  return (
    <tr data-testid="section-signal">
      <td>{formatNumber(rank)}</td>
      <th scope="row">
        <span data-testid="signal-heading">{name}</span>
        <div className="muted">
          {signal.guidelineId} § {signal.sectionId}
        </div>
      </th>
      <td>
        {signal.fromVersion} → {signal.toVersion}
        <div className="muted">
          {signal.change === 'added'
            ? i18n.t('dashboard.sections.added', { date: formatDate(signal.effectiveFrom) })
            : i18n.t('dashboard.sections.changed', { date: formatDate(signal.effectiveFrom) })}
        </div>
      </td>
      <td>
        {errorRates(signal.before, signal.after)}
        <div className="muted">z {z(signal.errorZ)}</div>
      </td>
      <td>
        {formatNumber(signal.before.gapReports)} → {formatNumber(signal.after.gapReports)}
        <div className="muted">z {z(signal.gapZ)}</div>
      </td>
      <td>
        {queue ? (
          <>
            {queue.queue}
            <div className="muted">{errorRates(queue.before, queue.after)}</div>
          </>
        ) : (
          i18n.t('dashboard.noValue')
        )}
      </td>
      <td>{signal.rankScore.toFixed(2)}</td>
      <td>
        <ul className="signal-links">
          {signal.drill.events.map(({ policy, before, after }) => (
            <li key={policy}>
              <DashLink
                view={viewOf('events', after)}
                go={go}
                label={i18n.t('dashboard.sections.eventsAfterOf', { policy, section: name })}
              >
                {i18n.t('dashboard.sections.eventsAfter', { policy })}
              </DashLink>
              {' · '}
              <DashLink
                view={viewOf('events', before)}
                go={go}
                label={i18n.t('dashboard.sections.eventsBeforeOf', { policy, section: name })}
              >
                {i18n.t('dashboard.sections.before')}
              </DashLink>
            </li>
          ))}
          <li>
            <a
              href={inbox(signal.drill.reports.after)}
              aria-label={i18n.t('dashboard.sections.reportsAfterOf', { section: name })}
            >
              {i18n.t('dashboard.sections.reportsAfter')}
            </a>
            {' · '}
            <a
              href={inbox(signal.drill.reports.before)}
              aria-label={i18n.t('dashboard.sections.reportsBeforeOf', { section: name })}
            >
              {i18n.t('dashboard.sections.before')}
            </a>
          </li>
          <li>
            <DashLink view={chart} go={go} label={i18n.t('dashboard.sections.chartOf', { section: name })}>
              {i18n.t('dashboard.sections.chart')}
            </DashLink>
          </li>
        </ul>
      </td>
    </tr>
  );
}
