import { useState } from 'react';
import type { MetricsDefinitionsResponse } from '../../contract';
import type { ApiClient } from '../../utils/api/client';
import { dashboardSearch, definitionsPart, definitionsView, type DashboardView } from '../../utils/dashboard/view';
import { i18n } from '../../utils/i18n';
import { CoreIndexEditor } from './CoreIndexEditor';
import { EditCustomMetric, NewCustomMetric } from './CustomMetricEditor';
import type { DashGo } from './DashLink';
import { DefinitionsList } from './DefinitionsList';

/**
 * The metrics' definitions (issue 11): every metric with what it counts and a link to its chart,
 * the forms that define, change and delete custom metrics (filters over event fields, never code),
 * and the core index's versions. Each part is a URL: `?view=definitions`, `&new`, `&edit=<id>`, `&index`.
 */
export function DefinitionsView({
  api,
  view,
  problem,
  definitions,
  go,
  onChanged,
}: {
  api: ApiClient;
  view: DashboardView;
  problem: string | null;
  /** The definitions the whole page shares (the metric select reads them too); undefined while loading. */
  definitions: MetricsDefinitionsResponse | undefined;
  go: DashGo;
  /** Called after a change, so the page loads the definitions again. */
  onChanged: () => void;
}) {
  // A link the page cannot read (a malformed id) shows the list; the page says why above.
  const part = problem ? ({ part: 'list' } as const) : definitionsPart(view);
  // A notice belongs to the view it was written for: it is gone once the analyst moves on.
  const [notice, setNotice] = useState<{ search: string; text: string } | null>(null);
  const noticeFor = (target: DashboardView, text: string) => setNotice({ search: dashboardSearch(target), text });
  const backToList = (text: string) => {
    onChanged();
    const list = definitionsView({ part: 'list' });
    noticeFor(list, text);
    go(list);
  };
  const shown = notice?.search === dashboardSearch(view) ? notice.text : '';
  const status = (
    <p role="status" className="notice" data-testid="definitions-notice">
      {shown || (definitions ? '' : i18n.t('dashboard.loading'))}
    </p>
  );
  switch (part.part) {
    case 'new':
      return <NewCustomMetric api={api} go={go} onDone={backToList} />;
    case 'edit':
      return <EditCustomMetric key={part.id} api={api} id={part.id} go={go} onDone={backToList} />;
    case 'index':
      return (
        <CoreIndexEditor
          api={api}
          definitions={definitions?.metrics ?? []}
          go={go}
          status={status}
          onSaved={(text) => {
            onChanged();
            noticeFor(view, text);
          }}
        />
      );
    default:
      return (
        <section aria-labelledby="definitions-title">
          <h2 id="definitions-title">{i18n.t('dashboard.definitions.title')}</h2>
          <p className="muted">{i18n.t('dashboard.definitions.intro')}</p>
          {status}
          {definitions && <DefinitionsList definitions={definitions} go={go} />}
        </section>
      );
  }
}
