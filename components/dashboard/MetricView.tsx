import type { MetricDefinition, MetricKind, MetricPoint, MetricSeries, MetricsSeriesResponse } from '../../contract';
import type { ApiClient } from '../../utils/api/client';
import {
  dimensionName,
  formatMetricValue,
  metricDescription,
  metricName,
  seriesLabel,
} from '../../utils/dashboard/labels';
import { dashboardSearch, viewOf, type DashboardView } from '../../utils/dashboard/view';
import { formatNumber } from '../../utils/format';
import { useLoaded } from '../../utils/hooks/use-loaded';
import { i18n } from '../../utils/i18n';
import { ControlChart } from './ControlChart';
import { CsvButton } from './CsvButton';
import { DashLink, type DashGo } from './DashLink';
import { MetricForm } from './MetricForm';

/** Most series drawn as charts; the rest are in the tables and the CSV (a chart per moderator helps nobody). */
const CHARTS_MAX = 12;

/**
 * A metric per day, one control chart per group with its limits and flagged days, every flagged day
 * listed first, and every point in a table: each day links to the events or reports behind it.
 */
export function MetricView({
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
  const loaded = useLoaded(() => api.metricSeries({ ...fields, limits: 'true' }), problem ? null : search);
  const definition = definitions.find((d) => d.id === fields.metric);
  const kind: MetricKind = definition?.kind ?? 'proportion';
  const title = definition ? metricName(definition) : (fields.metric ?? '');
  const body = loaded.value;
  return (
    <section aria-labelledby="metric-heading">
      <h2 id="metric-heading">
        {i18n.t('dashboard.metricTitle', {
          metric: title,
          groupBy: dimensionName(fields.groupBy ?? 'none'),
        })}
      </h2>
      {definition && <p className="muted">{metricDescription(definition)}</p>}
      {kind === 'index' && <p className="muted">{i18n.t('dashboard.indexNoDrill')}</p>}
      <MetricForm key={search} fields={fields} definitions={definitions} onApply={(f) => go(viewOf('metric', f))} />
      <p className="muted" role="status">
        {loaded.loading ? i18n.t('dashboard.loading') : ''}
      </p>
      {loaded.error && (
        <p className="error" role="alert">
          {i18n.t('dashboard.failed', { message: loaded.error })}
        </p>
      )}
      {body && (
        <>
          <CsvButton
            label={i18n.t('dashboard.csv.series')}
            filename={`qa-lens-${fields.metric}-by-${fields.groupBy}-${fields.from}-${fields.to}.csv`}
            load={() => api.metricSeriesCsv({ ...fields, limits: 'true' })}
          />
          <FlaggedDays body={body} kind={kind} drill={drillFor(body, fields, definition)} go={go} />
          {body.series.slice(0, CHARTS_MAX).map((series) => (
            <SeriesBlock
              key={JSON.stringify(series.key)}
              body={body}
              series={series}
              kind={kind}
              drill={drillFor(body, fields, definition)}
              go={go}
            />
          ))}
          {body.series.length > CHARTS_MAX && (
            <p className="muted">
              {i18n.t('dashboard.moreSeries', body.series.length - CHARTS_MAX, {
                count: formatNumber(body.series.length - CHARTS_MAX),
              })}
            </p>
          )}
          {body.series.length === 0 && <p className="muted">{i18n.t('dashboard.noSeries')}</p>}
        </>
      )}
    </section>
  );
}

/** The drill-down view behind one day of one series, or null where there is none to show. */
type Drill = (series: MetricSeries, date: string) => DashboardView | null;

function drillFor(
  body: MetricsSeriesResponse,
  fields: DashboardView['fields'],
  definition: MetricDefinition | undefined,
): Drill {
  return (series, date) => {
    // The core index has no events of its own; a group without a value cannot be named as a filter.
    if (definition?.kind === 'index' || body.metric === 'core_index') return null;
    const group = body.groupBy === 'none' ? {} : { [body.groupBy]: series.key[body.groupBy] };
    if (body.groupBy !== 'none' && !group[body.groupBy]) return null;
    const { groupBy: _groupBy, from: _from, to: _to, ...filters } = fields;
    return viewOf('events', { ...filters, ...group, date });
  };
}

/** Every flagged day of every series, newest first: the list an analyst starts from. */
function FlaggedDays({
  body,
  kind,
  drill,
  go,
}: {
  body: MetricsSeriesResponse;
  kind: MetricKind;
  drill: Drill;
  go: DashGo;
}) {
  const flagged = body.series
    .flatMap((series) => series.points.filter((p) => p.flag).map((point) => ({ series, point })))
    .sort((a, b) => (a.point.date < b.point.date ? 1 : a.point.date > b.point.date ? -1 : 0));
  return (
    <section aria-labelledby="flagged-heading" data-testid="flagged-days">
      <h3 id="flagged-heading">
        {i18n.t('dashboard.flagged.title', flagged.length, { count: formatNumber(flagged.length) })}
      </h3>
      {flagged.length === 0 ? (
        <p className="muted">{i18n.t('dashboard.flagged.none')}</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">{i18n.t('dashboard.columns.series')}</th>
              <th scope="col">{i18n.t('dashboard.columns.date')}</th>
              <th scope="col">{i18n.t('dashboard.columns.value')}</th>
              <th scope="col">{i18n.t('dashboard.columns.limits')}</th>
              <th scope="col">{i18n.t('dashboard.columns.flag')}</th>
              <th scope="col">{i18n.t('dashboard.columns.behind')}</th>
            </tr>
          </thead>
          <tbody>
            {flagged.map(({ series, point }) => {
              const label = seriesLabel(body.groupBy, series.key);
              const target = drill(series, point.date);
              return (
                <tr key={`${label}-${point.date}`} data-testid="flagged-day">
                  <td>{label}</td>
                  <td>{point.date}</td>
                  <td>{formatMetricValue(point.value, kind)}</td>
                  <td>
                    {formatMetricValue(point.flag!.lower, kind)} – {formatMetricValue(point.flag!.upper, kind)}
                  </td>
                  <td>{flagText(point)}</td>
                  <td>
                    {target && (
                      <DashLink
                        view={target}
                        go={go}
                        label={i18n.t('dashboard.behindOne', { series: label, date: point.date })}
                      >
                        {i18n.t('dashboard.behind')}
                      </DashLink>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** "Low (p-chart)": which way a flagged day left its limits, and the method that saw it. */
function flagText(point: MetricPoint): string {
  if (!point.flag) return '';
  const direction = point.flag.direction === 'low' ? i18n.t('dashboard.flagged.low') : i18n.t('dashboard.flagged.high');
  return `${direction} (${point.flag.method})`;
}

/** One series: its chart and, folded under it, its table of every day. */
function SeriesBlock({
  body,
  series,
  kind,
  drill,
  go,
}: {
  body: MetricsSeriesResponse;
  series: MetricSeries;
  kind: MetricKind;
  drill: Drill;
  go: DashGo;
}) {
  const label = seriesLabel(body.groupBy, series.key);
  const flags = series.points.filter((p) => p.flag).length;
  return (
    <section className="series-block" aria-label={label} data-testid="series">
      <h3>{label}</h3>
      <ControlChart
        points={series.points}
        proportion={kind !== 'count'}
        summary={i18n.t('dashboard.chart.summary', flags, { series: label, count: formatNumber(flags) })}
        onDay={(date) => {
          const target = drill(series, date);
          if (target) go(target);
        }}
      />
      <details>
        <summary>{i18n.t('dashboard.tableOf', { series: label })}</summary>
        <SeriesTable series={series} kind={kind} label={label} drill={drill} go={go} />
      </details>
    </section>
  );
}

function SeriesTable({
  series,
  kind,
  label,
  drill,
  go,
}: {
  series: MetricSeries;
  kind: MetricKind;
  label: string;
  drill: Drill;
  go: DashGo;
}) {
  return (
    <table className="grid">
      <thead>
        <tr>
          <th scope="col">{i18n.t('dashboard.columns.date')}</th>
          <th scope="col">{i18n.t('dashboard.columns.numerator')}</th>
          <th scope="col">{i18n.t('dashboard.columns.denominator')}</th>
          <th scope="col">{i18n.t('dashboard.columns.value')}</th>
          <th scope="col">{i18n.t('dashboard.columns.limits')}</th>
          <th scope="col">{i18n.t('dashboard.columns.flag')}</th>
          <th scope="col">{i18n.t('dashboard.columns.behind')}</th>
        </tr>
      </thead>
      <tbody>
        {series.points.map((point) => {
          const target = drill(series, point.date);
          return (
            <tr key={point.date} className={point.flag ? 'flagged' : undefined}>
              <td>{point.date}</td>
              <td>{kind === 'index' ? '' : formatNumber(point.numerator)}</td>
              <td>{point.denominator === null || kind === 'index' ? '' : formatNumber(point.denominator)}</td>
              <td>{formatMetricValue(point.value, kind)}</td>
              <td>
                {point.limits
                  ? `${formatMetricValue(point.limits.lower, kind)} – ${formatMetricValue(point.limits.upper, kind)}`
                  : ''}
              </td>
              <td>{flagText(point)}</td>
              <td>
                {target && (
                  <DashLink
                    view={target}
                    go={go}
                    label={i18n.t('dashboard.behindOne', { series: label, date: point.date })}
                  >
                    {i18n.t('dashboard.behind')}
                  </DashLink>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
