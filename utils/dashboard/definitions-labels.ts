import type { CoreIndexComponent, CustomMetric, EventFilter } from '../../contract';
import { formatList, formatNumber } from '../format';
import { i18n } from '../i18n';
import { LIST_FIELD_DIMENSION, LIST_FIELDS } from './definitions-form';
import { dimensionName } from './labels';

/** What a custom metric counts, in words: "Counts events where Kind: Appeal", or the share of one filter's events matching another. */
export function countsText(metric: Pick<CustomMetric, 'numerator' | 'denominator'>): string {
  if (!metric.denominator) {
    return i18n.t('dashboard.definitions.counts', { filter: filterText(metric.numerator) });
  }
  return i18n.t('dashboard.definitions.shareOf', {
    denominator: filterText(metric.denominator),
    numerator: filterText(metric.numerator),
  });
}

/** A filter in words, each field it narrows with its values ("Kind: Appeal; Queue: posts, videos"), or "any event". */
export function filterText(filter: EventFilter): string {
  const named = (label: string, values: readonly string[] | undefined) =>
    values ? `${label}: ${formatList(values)}` : null;
  const parts = [
    named(
      i18n.t('dashboard.definitions.filter.kind'),
      filter.kind?.map((kind) => i18n.t(`history.kind.${kind}`)),
    ),
    named(
      i18n.t('dashboard.definitions.filter.verdict'),
      filter.verdict?.map((verdict) => i18n.t(`verdict.${verdict}`)),
    ),
    ...LIST_FIELDS.map((field) => named(dimensionName(LIST_FIELD_DIMENSION[field]), filter[field])),
  ].filter((part) => part !== null);
  return parts.length > 0 ? parts.join('; ') : i18n.t('dashboard.definitions.filter.any');
}

/** A core index component in words: "Accuracy × 0.5", and "(lower is better)" when the index uses 1 − value. */
export function componentText(component: Pick<CoreIndexComponent, 'weight' | 'invert'>, name: string): string {
  const weighted = `${name} × ${formatNumber(component.weight)}`;
  return component.invert ? i18n.t('dashboard.definitions.index.inverted', { component: weighted }) : weighted;
}

/** The share of the index each weight is (weight ÷ the sum of weights); null when a weight is not a positive number. */
export function weightShares(weights: readonly number[]): (number | null)[] {
  const valid = weights.every((w) => Number.isFinite(w) && w > 0);
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => (valid ? w / total : null));
}
