import type { z } from 'zod';
import {
  CustomMetricCreate,
  CustomMetricInput,
  EventKind,
  Verdict,
  type CustomMetric,
  type EventFilter,
  type MetricDimension,
} from '../../contract';
import { splitList } from '../survey-admin/form';

/*
 * The custom-metric form as the analyst edits it (kinds and verdicts ticked, the other fields as
 * comma lists) and its mapping to and from the contract. It is checked with the contract's own
 * schema before anything is sent, and each problem is placed beside the field it is about, in the
 * contract's words, so the page and the API never disagree on what a metric may be.
 */

/** The filter fields typed as comma lists; the rest (kind, verdict) are ticked from the contract's enums. */
export const LIST_FIELDS = ['site', 'queue', 'policy', 'guidelineVersion'] as const;
export type ListField = (typeof LIST_FIELDS)[number];

/** The dimension each typed field filters (a filter says `guidelineVersion`, a dimension `guideline_version`). */
export const LIST_FIELD_DIMENSION: Record<ListField, MetricDimension> = {
  site: 'site',
  queue: 'queue',
  policy: 'policy',
  guidelineVersion: 'guideline_version',
};

/** One filter as the form holds it: nothing ticked or typed in a field allows any value. */
export interface FilterForm {
  kind: EventKind[];
  verdict: Verdict[];
  site: string;
  queue: string;
  policy: string;
  guidelineVersion: string;
}

/** The numerator filter, or the denominator's. */
export type FilterSide = 'numerator' | 'denominator';

export interface CustomMetricForm {
  id: string;
  name: string;
  description: string;
  numerator: FilterForm;
  /** Whether the metric is a share of the denominator's events; off, it counts the numerator's events. */
  proportion: boolean;
  denominator: FilterForm;
}

/** Where a problem is shown: a field, one field of a filter (`numerator.site`), or `form` for the rest. */
export type CustomMetricSlot =
  'id' | 'name' | 'description' | FilterSide | `${FilterSide}.${keyof FilterForm}` | 'form';
export type CustomMetricErrors = Partial<Record<CustomMetricSlot, string[]>>;

/** A filter that allows every event. */
export function blankFilter(): FilterForm {
  return { kind: [], verdict: [], site: '', queue: '', policy: '', guidelineVersion: '' };
}

/** A new metric's form: a count of every event until the analyst narrows it. */
export function blankCustomMetricForm(): CustomMetricForm {
  return { id: '', name: '', description: '', numerator: blankFilter(), proportion: false, denominator: blankFilter() };
}

function filterForm(filter: EventFilter | null): FilterForm {
  const blank = blankFilter();
  if (!filter) return blank;
  return {
    kind: filter.kind ?? [],
    verdict: filter.verdict ?? [],
    site: filter.site?.join(', ') ?? '',
    queue: filter.queue?.join(', ') ?? '',
    policy: filter.policy?.join(', ') ?? '',
    guidelineVersion: filter.guidelineVersion?.join(', ') ?? '',
  };
}

/** A stored custom metric as the form edits it. */
export function formFromCustomMetric(metric: CustomMetric): CustomMetricForm {
  return {
    id: metric.id,
    name: metric.name,
    description: metric.description,
    numerator: filterForm(metric.numerator),
    proportion: metric.denominator !== null,
    denominator: filterForm(metric.denominator),
  };
}

/** The filter as the API takes it: only the fields that name values (in the enums' order for ticked ones). */
export function filterFromForm(form: FilterForm): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const kind = EventKind.options.filter((k) => form.kind.includes(k));
  const verdict = Verdict.options.filter((v) => form.verdict.includes(v));
  if (kind.length > 0) out.kind = kind;
  if (verdict.length > 0) out.verdict = verdict;
  for (const field of LIST_FIELDS) {
    const values = splitList(form[field]);
    if (values.length > 0) out[field] = values;
  }
  return out;
}

/** The metric's fields as the API takes them (before checking); without `proportion` the denominator is null. */
export function customMetricFields(form: CustomMetricForm) {
  return {
    name: form.name,
    description: form.description.trim(),
    numerator: filterFromForm(form.numerator),
    denominator: form.proportion ? filterFromForm(form.denominator) : null,
  };
}

export type Checked<T, E> = { ok: true; request: T } | { ok: false; errors: E };

/** A new metric as `POST /v1/metrics/custom` takes it, checked with the contract's schema; or the problems, by field. */
export function checkNewCustomMetric(form: CustomMetricForm): Checked<CustomMetricCreate, CustomMetricErrors> {
  return check(CustomMetricCreate, { id: form.id.trim(), ...customMetricFields(form) });
}

/** An edited metric as `PUT /v1/metrics/custom/{id}` takes it (its id does not change); or the problems, by field. */
export function checkCustomMetricEdit(form: CustomMetricForm): Checked<CustomMetricInput, CustomMetricErrors> {
  return check(CustomMetricInput, customMetricFields(form));
}

function check<T>(schema: z.ZodType<T>, sent: object): Checked<T, CustomMetricErrors> {
  const parsed = schema.safeParse(sent);
  if (parsed.success) return { ok: true, request: parsed.data };
  const errors: CustomMetricErrors = {};
  for (const issue of parsed.error.issues) {
    (errors[customMetricSlot(issue.path)] ??= []).push(quoteEntry(sent, issue.path, issue.message));
  }
  return { ok: false, errors };
}

const FILTER_FIELDS: readonly PropertyKey[] = ['kind', 'verdict', ...LIST_FIELDS];

/** The form field a contract issue at `path` is about. */
export function customMetricSlot(path: readonly PropertyKey[]): CustomMetricSlot {
  const [head, field] = path;
  switch (head) {
    case 'id':
    case 'name':
    case 'description':
      return head;
    case 'numerator':
    case 'denominator':
      return FILTER_FIELDS.includes(field!) ? (`${head}.${String(field)}` as CustomMetricSlot) : head;
    default:
      return 'form';
  }
}

/**
 * An issue about one entry of a list names that entry (`"Demo Site": lowercase letters…`), so an
 * analyst who typed five sites sees which one is wrong.
 */
export function quoteEntry(sent: unknown, path: readonly PropertyKey[], message: string): string {
  if (typeof path.at(-1) !== 'number') return message;
  let value: unknown = sent;
  for (const key of path) {
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return typeof value === 'string' ? `"${value}": ${message}` : message;
}
