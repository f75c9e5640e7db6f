import { useEffect } from 'react';
import { DashLink } from '../../components/dashboard/DashLink';
import { DefinitionsView } from '../../components/dashboard/DefinitionsView';
import { EventsView } from '../../components/dashboard/EventsView';
import { MetricView } from '../../components/dashboard/MetricView';
import { SectionsView } from '../../components/dashboard/SectionsView';
import type { ApiClient } from '../../utils/api/client';
import { useMetricDefinitions } from '../../utils/dashboard/definitions-loaded';
import { dashboardSearch, definitionsView, readDashboardView, viewOf } from '../../utils/dashboard/view';
import { useAnalystSession } from '../../utils/hooks/use-analyst-session';
import { useFocusOnViewChange } from '../../utils/hooks/use-focus-on-view-change';
import { useUrlView } from '../../utils/hooks/use-url-view';
import { i18n } from '../../utils/i18n';

/**
 * The analysts' dashboards (issue 11): metrics per day with control limits and anomaly flags, gap
 * reports over time, the guideline sections whose errors and reports rose together after a version
 * change, the events or reports behind any point, and the metrics' definitions (custom metrics and
 * the core index's versions). Every view is a URL.
 */
export function App() {
  const session = useAnalystSession();
  if (session === null) return <main className="page muted">{i18n.t('dashboard.loading')}</main>;
  if (session === 'signedOut') return <main className="page error">{i18n.t('dashboard.signedOut')}</main>;
  if (session === 'forbidden') return <main className="page error">{i18n.t('dashboard.forbidden')}</main>;
  return <Dashboard api={session.api} />;
}

const read = (search: string) => readDashboardView(search);

function Dashboard({ api }: { api: ApiClient }) {
  const [{ view, problem }, go] = useUrlView(read, dashboardSearch);
  const search = dashboardSearch(view);
  // A link that left parts out shows the defaults; the address says so, so a copied link is this view.
  useEffect(() => {
    if (location.search !== `?${search}`) history.replaceState(null, '', `?${search}`);
  }, [search]);
  useFocusOnViewChange(search);
  const definitions = useMetricDefinitions(api);
  const tz = view.fields.tz;
  return (
    <main className="page dashboard">
      <div className="row page-header">
        <h1>{i18n.t('dashboard.title')}</h1>
        <nav aria-label={i18n.t('dashboard.nav')} className="row">
          <DashLink view={viewOf('metric', { metric: 'accuracy', groupBy: 'queue', tz })} go={go}>
            {i18n.t('dashboard.navMetrics')}
          </DashLink>
          <DashLink view={viewOf('metric', { metric: 'gap_reports', groupBy: 'section', tz })} go={go}>
            {i18n.t('dashboard.navReports')}
          </DashLink>
          <DashLink view={viewOf('sections', { tz })} go={go} testId="nav-sections">
            {i18n.t('dashboard.navSections')}
          </DashLink>
          <DashLink view={definitionsView({ part: 'list' })} go={go} testId="nav-definitions">
            {i18n.t('dashboard.definitions.nav')}
          </DashLink>
          <a href="/inbox.html">{i18n.t('inbox.open')}</a>
          <a href="/surveys.html">{i18n.t('surveys.open')}</a>
        </nav>
      </div>
      {problem && (
        <p className="error" role="alert">
          {i18n.t('dashboard.badLink', { problem })}
        </p>
      )}
      {definitions.error && (
        <p className="error" role="alert">
          {i18n.t('dashboard.failed', { message: definitions.error })}
        </p>
      )}
      {view.page === 'metric' && (
        <MetricView api={api} view={view} problem={problem} definitions={definitions.value?.metrics ?? []} go={go} />
      )}
      {view.page === 'events' && (
        <EventsView api={api} view={view} problem={problem} definitions={definitions.value?.metrics ?? []} go={go} />
      )}
      {view.page === 'sections' && <SectionsView api={api} view={view} problem={problem} go={go} />}
      {view.page === 'definitions' && (
        <DefinitionsView
          api={api}
          view={view}
          problem={problem}
          definitions={definitions.value}
          go={go}
          onChanged={definitions.reload}
        />
      )}
    </main>
  );
}
