import { CORE_INDEX, GapReportType, type MetricDefinition, type MetricKind } from '../../contract';
import { formatNumber, formatPercent } from '../format';
import { i18n } from '../i18n';

/** A metric's name in the reader's language: built-ins from the messages, custom ones as the analyst named them. */
export function metricName(definition: Pick<MetricDefinition, 'id' | 'name'>): string {
  switch (definition.id) {
    case 'accuracy':
      return i18n.t('dashboard.metrics.accuracy');
    case 'gold_accuracy':
      return i18n.t('dashboard.metrics.gold_accuracy');
    case 'overturn_rate':
      return i18n.t('dashboard.metrics.overturn_rate');
    case 'audit_volume':
      return i18n.t('dashboard.metrics.audit_volume');
    case 'gap_reports':
      return i18n.t('dashboard.metrics.gap_reports');
    case CORE_INDEX:
      return `${i18n.t('dashboard.metrics.core_index')} · ${definition.name}`;
    default:
      return definition.name;
  }
}

/** What a metric counts, in the reader's language for built-ins; custom ones as the analyst described them. */
export function metricDescription(definition: Pick<MetricDefinition, 'id' | 'description'>): string {
  switch (definition.id) {
    case 'accuracy':
      return i18n.t('dashboard.descriptions.accuracy');
    case 'gold_accuracy':
      return i18n.t('dashboard.descriptions.gold_accuracy');
    case 'overturn_rate':
      return i18n.t('dashboard.descriptions.overturn_rate');
    case 'audit_volume':
      return i18n.t('dashboard.descriptions.audit_volume');
    case 'gap_reports':
      return i18n.t('dashboard.descriptions.gap_reports');
    default:
      return definition.description;
  }
}

/** A dimension's name ("Queue"), or "Everything" for no grouping. */
export function dimensionName(dimension: string): string {
  switch (dimension) {
    case 'site':
      return i18n.t('dashboard.dimensions.site');
    case 'queue':
      return i18n.t('dashboard.dimensions.queue');
    case 'policy':
      return i18n.t('dashboard.dimensions.policy');
    case 'guideline_version':
      return i18n.t('dashboard.dimensions.guideline_version');
    case 'section':
      return i18n.t('dashboard.dimensions.section');
    case 'type':
      return i18n.t('dashboard.dimensions.type');
    case 'actor':
      return i18n.t('dashboard.dimensions.actor');
    default:
      return i18n.t('dashboard.dimensions.none');
  }
}

/** A value as its metric reads: a percentage for ratios and the index, a whole number for counts. */
export function formatMetricValue(value: number | null | undefined, kind: MetricKind): string {
  if (value === null || value === undefined) return i18n.t('dashboard.noValue');
  return kind === 'count' ? formatNumber(value) : formatPercent(value, 1);
}

/** The group a series is ("queue posts"), or everything when the series is not grouped. */
export function seriesLabel(groupBy: string, key: Record<string, string | null>): string {
  if (groupBy === 'none') return i18n.t('dashboard.allEvents');
  const value = key[groupBy];
  if (value === null || value === undefined) return `${dimensionName(groupBy)}: ${i18n.t('dashboard.noGroupValue')}`;
  const type = groupBy === 'type' ? GapReportType.safeParse(value) : null;
  return `${dimensionName(groupBy)}: ${type?.success ? i18n.t(`report.types.${type.data}`) : value}`;
}
