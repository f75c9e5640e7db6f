import { useState } from 'react';
import type { MetricDefinition, MetricEvent, MetricReport, MetricsEventsResponse } from '../../contract';
import type { ApiClient } from '../../utils/api/client';
import { dimensionName, metricName } from '../../utils/dashboard/labels';
import { dashboardSearch, FILTER_KEYS, shiftDay, viewOf, type DashboardView } from '../../utils/dashboard/view';
import { errorMessage } from '../../utils/error-message';
import { formatDateTimeIn, formatNumber } from '../../utils/format';
import { useLoaded } from '../../utils/hooks/use-loaded';
import { i18n } from '../../utils/i18n';
import { CsvButton } from './CsvButton';
import { DashLink, type DashGo } from './DashLink';

const PAGE_SIZE = 50;
/** Days before a drilled-into day that its series link shows. */
const SERIES_CONTEXT_DAYS = 28;

/**
 * What is behind a point: the events a metric counted on a day (or range), or the gap reports, with
 * the filters of the series they came from, newest first, a page at a time, and all of them as CSV.
 */
export function EventsView({
  api,
  view,
  problem,
  definitions,
  go,
}: {
  api: ApiClient;
  view: DashboardView;
  problem: string | null;
  definitions: readonly MetricDefinition[];
  go: DashGo;
}) {
  const search = dashboardSearch(view);
  const fields = view.fields;
  const first = useLoaded(() => api.metricEvents({ ...fields, limit: String(PAGE_SIZE) }), problem ? null : search);
  const [more, setMore] = useState<{ search: string; pages: MetricsEventsResponse[] } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const pages = first.value ? [first.value, ...(more?.search === search ? more.pages : [])] : [];
  const last = pages.at(-1);
  const definition = definitions.find((d) => d.id === fields.metric);
  const filters = FILTER_KEYS.filter((key) => fields[key]).map((key) => `${dimensionName(key)}: ${fields[key]}`);
  const days = fields.date ?? `${fields.from ?? ''} – ${fields.to ?? ''}`;
  const tz = fields.tz ?? 'UTC';

  const loadMore = async () => {
    if (!last?.nextCursor) return;
    setFailure(null);
    try {
      const page = await api.metricEvents({ ...fields, limit: String(PAGE_SIZE), cursor: last.nextCursor });
      setMore({ search, pages: [...(more?.search === search ? more.pages : []), page] });
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };

  const { date: _date, ...rangeless } = fields;
  // The series around what was drilled into: a day with the four weeks before it, or the range itself.
  const backDays = fields.date
    ? { from: shiftDay(fields.date, -SERIES_CONTEXT_DAYS), to: fields.date }
    : { from: fields.from, to: fields.to };
  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading">
        {i18n.t('dashboard.events.title', {
          metric: definition ? metricName(definition) : (fields.metric ?? ''),
          days,
          tz,
        })}
      </h2>
      <p className="muted">{filters.length > 0 ? filters.join(' · ') : i18n.t('dashboard.events.noFilters')}</p>
      <p>
        <DashLink view={viewOf('metric', { ...rangeless, ...backDays, groupBy: 'none' })} go={go}>
          {i18n.t('dashboard.events.series')}
        </DashLink>
      </p>
      <p className="muted" role="status">
        {first.loading ? i18n.t('dashboard.loading') : ''}
      </p>
      {(first.error ?? failure) && (
        <p className="error" role="alert">
          {i18n.t('dashboard.failed', { message: first.error ?? failure ?? '' })}
        </p>
      )}
      {first.value && (
        <>
          <CsvButton
            label={i18n.t('dashboard.csv.events')}
            filename={`qa-lens-${fields.metric}-${fields.date ?? `${fields.from}-${fields.to}`}.csv`}
            load={() => api.metricEventsCsv(fields)}
          />
          {first.value.source === 'quality_events' ? (
            <EventTable events={pages.flatMap((p) => (p.source === 'quality_events' ? p.events : []))} tz={tz} />
          ) : (
            <ReportTable reports={pages.flatMap((p) => (p.source === 'gap_reports' ? p.reports : []))} tz={tz} />
          )}
          {last?.nextCursor && (
            <button type="button" onClick={() => void loadMore()}>
              {i18n.t('dashboard.events.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function EventTable({ events, tz }: { events: MetricEvent[]; tz: string }) {
  const counted = events.filter((e) => e.inNumerator).length;
  return (
    <>
      <p data-testid="events-count">
        {i18n.t('dashboard.events.count', events.length, {
          count: formatNumber(events.length),
          counted: formatNumber(counted),
        })}
      </p>
      {events.length === 0 ? (
        <p className="muted">{i18n.t('dashboard.events.none')}</p>
      ) : (
        <table className="grid" data-testid="drill-events">
          <thead>
            <tr>
              <th scope="col">{i18n.t('dashboard.events.when')}</th>
              <th scope="col">{i18n.t('dashboard.events.kind')}</th>
              <th scope="col">{i18n.t('dashboard.events.verdict')}</th>
              <th scope="col">{i18n.t('dashboard.events.counted')}</th>
              <th scope="col">{i18n.t('dashboard.dimensions.queue')}</th>
              <th scope="col">{i18n.t('dashboard.dimensions.policy')}</th>
              <th scope="col">{i18n.t('dashboard.dimensions.guideline_version')}</th>
              <th scope="col">{i18n.t('dashboard.events.item')}</th>
              <th scope="col">{i18n.t('dashboard.dimensions.actor')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} data-testid="drill-event">
                <td>{formatDateTimeIn(event.occurredAt, tz)}</td>
                <td>{i18n.t(`history.kind.${event.kind}`)}</td>
                <td>{i18n.t(`verdict.${event.verdict}`)}</td>
                <td>{event.inNumerator ? i18n.t('dashboard.events.yes') : i18n.t('dashboard.events.no')}</td>
                <td>{event.queue}</td>
                <td>{event.policy}</td>
                <td>{event.guidelineVersion ?? ''}</td>
                <td>
                  {event.site} · {event.itemKey}
                </td>
                <td>{event.actor ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function ReportTable({ reports, tz }: { reports: MetricReport[]; tz: string }) {
  return (
    <>
      <p data-testid="events-count">
        {i18n.t('dashboard.events.reportCount', reports.length, { count: formatNumber(reports.length) })}
      </p>
      {reports.length === 0 ? (
        <p className="muted">{i18n.t('dashboard.events.noReports')}</p>
      ) : (
        <table className="grid" data-testid="drill-reports">
          <thead>
            <tr>
              <th scope="col">{i18n.t('dashboard.events.when')}</th>
              <th scope="col">{i18n.t('inbox.columns.type')}</th>
              <th scope="col">{i18n.t('inbox.columns.severity')}</th>
              <th scope="col">{i18n.t('inbox.columns.status')}</th>
              <th scope="col">{i18n.t('dashboard.dimensions.section')}</th>
              <th scope="col">{i18n.t('inbox.columns.note')}</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((report) => (
              <tr key={report.id} data-testid="drill-report">
                <td>{formatDateTimeIn(report.createdAt, tz)}</td>
                <td>{i18n.t(`report.types.${report.type}`)}</td>
                <td>{i18n.t(`report.severities.${report.severity}`)}</td>
                <td>{i18n.t(`reports.status.${report.status}`)}</td>
                <td>{[report.guidelineId, report.sectionId].filter(Boolean).join(' § ')}</td>
                <td>
                  <a href={`/inbox.html?${new URLSearchParams({ report: report.id }).toString()}`}>
                    {report.note || i18n.t('dashboard.events.openReport')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
