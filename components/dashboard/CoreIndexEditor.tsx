import type { ReactNode } from 'react';
import { CORE_INDEX, type CoreIndexVersion, type MetricDefinition } from '../../contract';
import type { ApiClient } from '../../utils/api/client';
import { formFromCoreIndex, proportionMetrics } from '../../utils/dashboard/definitions-core-index';
import { useReloadable } from '../../utils/dashboard/definitions-loaded';
import { componentText, weightShares } from '../../utils/dashboard/definitions-labels';
import { metricName } from '../../utils/dashboard/labels';
import { viewOf } from '../../utils/dashboard/view';
import { formatDateTime, formatNumber, formatPercent } from '../../utils/format';
import { i18n } from '../../utils/i18n';
import { CoreIndexForm } from './CoreIndexForm';
import { DashLink, type DashGo } from './DashLink';

/** A metric's name as the index lists it: a custom one deleted since keeps its id. */
function nameIn(definitions: readonly MetricDefinition[], id: string): string {
  const definition = definitions.find((d) => d.id === id);
  return definition ? metricName(definition) : id;
}

/** The chart of one version of the core index. */
const versionChart = (version: number) => viewOf('metric', { metric: CORE_INDEX, version: String(version) });

/**
 * The core index: the version in force and what it weighs, the form for the next version (saving
 * one makes it the index in force; versions never change afterwards), and every version, each
 * linked to its chart.
 */
export function CoreIndexEditor({
  api,
  definitions,
  go,
  status,
  onSaved,
}: {
  api: ApiClient;
  definitions: readonly MetricDefinition[];
  go: DashGo;
  /** The page's live region, under the introduction: where "saved" is said. */
  status: ReactNode;
  /** Called with a notice once a version is saved. */
  onSaved: (notice: string) => void;
}) {
  const loaded = useReloadable(() => api.coreIndexVersions(), 'versions');
  const versions = loaded.value?.versions;
  const current = versions?.[0];
  return (
    <section aria-labelledby="index-title">
      <h2 id="index-title">{i18n.t('dashboard.definitions.index.title')}</h2>
      <p className="muted">{i18n.t('dashboard.definitions.index.intro')}</p>
      {status}
      {loaded.loading && (
        <p className="muted" role="status">
          {i18n.t('dashboard.loading')}
        </p>
      )}
      {loaded.error && (
        <p className="error" role="alert">
          {i18n.t('dashboard.failed', { message: loaded.error })}
        </p>
      )}
      {current && versions && (
        <>
          <CurrentVersion version={current} definitions={definitions} />
          <section aria-labelledby="index-form-title">
            <h3 id="index-form-title">{i18n.t('dashboard.definitions.index.formTitle')}</h3>
            {/* Not keyed by version: after a save the form already holds the version in force, and keeps the focus. */}
            <CoreIndexForm
              initial={formFromCoreIndex(current)}
              nextVersion={current.version + 1}
              proportions={proportionMetrics(definitions)}
              onSave={async (request) => {
                const { coreIndex } = await api.saveCoreIndex(request);
                loaded.reload();
                onSaved(
                  i18n.t('dashboard.definitions.notices.indexSaved', { version: formatNumber(coreIndex.version) }),
                );
              }}
            />
          </section>
          <VersionsTable versions={versions} definitions={definitions} go={go} />
        </>
      )}
    </section>
  );
}

/** The version in force: each metric with its weight, its share of the index, and whether it counts as 1 − value. */
function CurrentVersion({
  version,
  definitions,
}: {
  version: CoreIndexVersion;
  definitions: readonly MetricDefinition[];
}) {
  const shares = weightShares(version.components.map((c) => c.weight));
  return (
    <>
      <table className="grid definitions-table" data-testid="index-current">
        <caption>
          {i18n.t('dashboard.definitions.index.current', {
            version: formatNumber(version.version),
            name: version.name,
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('dashboard.definitions.index.metric')}</th>
            <th scope="col">{i18n.t('dashboard.definitions.index.weight')}</th>
            <th scope="col">{i18n.t('dashboard.definitions.index.shareColumn')}</th>
            <th scope="col">{i18n.t('dashboard.definitions.index.countsAs')}</th>
          </tr>
        </thead>
        <tbody>
          {version.components.map((component, i) => (
            <tr key={`${component.metric}-${i}`}>
              <th scope="row">{nameIn(definitions, component.metric)}</th>
              <td>{formatNumber(component.weight)}</td>
              <td>{shares[i] === null ? '' : formatPercent(shares[i]!, 1)}</td>
              <td>
                {component.invert
                  ? i18n.t('dashboard.definitions.index.oneMinusValue')
                  : i18n.t('dashboard.definitions.index.value')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {version.description && <p className="muted">{version.description}</p>}
    </>
  );
}

/** Every version, newest first, the built-in default last; each links to the index's chart as that version computes it. */
function VersionsTable({
  versions,
  definitions,
  go,
}: {
  versions: readonly CoreIndexVersion[];
  definitions: readonly MetricDefinition[];
  go: DashGo;
}) {
  return (
    <table className="grid definitions-table" data-testid="index-versions">
      <caption>{i18n.t('dashboard.definitions.index.versions')}</caption>
      <thead>
        <tr>
          <th scope="col">{i18n.t('dashboard.definitions.index.version')}</th>
          <th scope="col">{i18n.t('dashboard.definitions.index.name')}</th>
          <th scope="col">{i18n.t('dashboard.definitions.index.components')}</th>
          <th scope="col">{i18n.t('dashboard.definitions.index.savedBy')}</th>
          <th scope="col">{i18n.t('dashboard.definitions.columns.chart')}</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((version) => (
          <tr key={version.version} data-testid="index-version" data-version={version.version}>
            <th scope="row">{formatNumber(version.version)}</th>
            <td>{version.name}</td>
            <td>{version.components.map((c) => componentText(c, nameIn(definitions, c.metric))).join('; ')}</td>
            <td>
              {version.createdBy && version.createdAt
                ? i18n.t('dashboard.definitions.index.saved', {
                    by: version.createdBy,
                    at: formatDateTime(version.createdAt),
                  })
                : i18n.t('dashboard.definitions.index.builtInDefault')}
            </td>
            <td>
              <DashLink
                view={versionChart(version.version)}
                go={go}
                label={i18n.t('dashboard.definitions.index.chartOf', { version: formatNumber(version.version) })}
              >
                {i18n.t('dashboard.definitions.chart')}
              </DashLink>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
