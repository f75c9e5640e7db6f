import { CORE_INDEX, type MetricsDefinitionsResponse } from '../../contract';
import { countsText } from '../../utils/dashboard/definitions-labels';
import { metricDescription, metricName } from '../../utils/dashboard/labels';
import { definitionsView, viewOf } from '../../utils/dashboard/view';
import { i18n } from '../../utils/i18n';
import { DashLink, type DashGo } from './DashLink';

/**
 * Every metric the dashboards can chart: the built-in ones, the ones analysts defined (with the
 * filters they count, in words) and the core index, each linked to its chart and, when analysts
 * define it, to its form.
 */
export function DefinitionsList({ definitions, go }: { definitions: MetricsDefinitionsResponse; go: DashGo }) {
  const custom = new Map(definitions.custom.map((metric) => [metric.id, metric]));
  return (
    <>
      <div className="row">
        <DashLink view={definitionsView({ part: 'new' })} go={go}>
          {i18n.t('dashboard.definitions.new')}
        </DashLink>
        <DashLink view={definitionsView({ part: 'index' })} go={go}>
          {i18n.t('dashboard.definitions.editIndex')}
        </DashLink>
      </div>
      <table className="grid definitions-table">
        <caption>{i18n.t('dashboard.definitions.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('dashboard.definitions.columns.metric')}</th>
            <th scope="col">{i18n.t('dashboard.definitions.columns.kind')}</th>
            <th scope="col">{i18n.t('dashboard.definitions.columns.description')}</th>
            <th scope="col">{i18n.t('dashboard.definitions.columns.chart')}</th>
            <th scope="col">{i18n.t('dashboard.definitions.columns.change')}</th>
          </tr>
        </thead>
        <tbody>
          {definitions.metrics.map((definition) => {
            const name = metricName(definition);
            const own = custom.get(definition.id);
            return (
              <tr key={definition.id} data-testid="definition-row" data-metric-id={definition.id}>
                <th scope="row">
                  {name}
                  <br />
                  <code className="muted">{definition.id}</code>
                </th>
                <td>{i18n.t(`dashboard.definitions.kinds.${definition.kind}`)}</td>
                <td>
                  {metricDescription(definition)}
                  {own && <p className="muted hint">{countsText(own)}</p>}
                </td>
                <td>
                  <DashLink
                    view={viewOf('metric', { metric: definition.id, groupBy: 'queue' })}
                    go={go}
                    label={i18n.t('dashboard.definitions.chartOf', { metric: name })}
                  >
                    {i18n.t('dashboard.definitions.chart')}
                  </DashLink>
                </td>
                <td>
                  {own && (
                    <DashLink
                      view={definitionsView({ part: 'edit', id: own.id })}
                      go={go}
                      label={i18n.t('dashboard.definitions.editOf', { metric: name })}
                    >
                      {i18n.t('dashboard.definitions.edit')}
                    </DashLink>
                  )}
                  {definition.id === CORE_INDEX && (
                    <DashLink view={definitionsView({ part: 'index' })} go={go}>
                      {i18n.t('dashboard.definitions.editIndex')}
                    </DashLink>
                  )}
                  {definition.builtIn && <span className="muted">{i18n.t('dashboard.definitions.builtIn')}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
