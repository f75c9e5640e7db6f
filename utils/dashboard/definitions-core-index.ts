import {
  CORE_INDEX_COMPONENTS_MAX,
  CoreIndexInput,
  type CoreIndexVersion,
  type MetricDefinition,
} from '../../contract';
import type { Checked } from './definitions-form';

/*
 * The core-index form: a new version's name, description and components (a proportion metric, its
 * weight as typed, and whether lower is better), starting from the version in force. Checked with
 * the contract's schema before it is sent; each problem beside its row.
 */

export interface ComponentRow {
  metric: string;
  /** As typed: the contract wants a positive number up to 1000. */
  weight: string;
  invert: boolean;
}

export interface CoreIndexForm {
  name: string;
  description: string;
  components: ComponentRow[];
}

/** Where a problem is shown: a field, one row's metric or weight, the list of rows, or `form`. */
export type CoreIndexSlot =
  'name' | 'description' | 'components' | `components.${number}.metric` | `components.${number}.weight` | 'form';
export type CoreIndexErrors = Partial<Record<CoreIndexSlot, string[]>>;

/** The form for the next version: the one in force, to change. */
export function formFromCoreIndex(version: CoreIndexVersion): CoreIndexForm {
  return {
    name: version.name,
    description: version.description,
    components: version.components.map((c) => ({ metric: c.metric, weight: String(c.weight), invert: c.invert })),
  };
}

/** The metrics a component may name: the proportions (the index averages shares; a count has no place in it). */
export function proportionMetrics(definitions: readonly MetricDefinition[]): MetricDefinition[] {
  return definitions.filter((d) => d.kind === 'proportion');
}

/** The row "Add a metric" appends: the first proportion metric not yet in the index; null when none is left or the index is full. */
export function nextComponent(form: CoreIndexForm, proportions: readonly MetricDefinition[]): ComponentRow | null {
  if (form.components.length >= CORE_INDEX_COMPONENTS_MAX) return null;
  const used = new Set(form.components.map((c) => c.metric));
  const metric = proportions.find((d) => !used.has(d.id));
  return metric ? { metric: metric.id, weight: '1', invert: false } : null;
}

/** A weight as typed: undefined when empty (the contract then says a number is required), NaN when not a number. */
function weightOf(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

/** The form as `PUT /v1/metrics/core-index` takes it, checked with the contract's schema; or the problems, by field. */
export function checkCoreIndex(form: CoreIndexForm): Checked<CoreIndexInput, CoreIndexErrors> {
  const parsed = CoreIndexInput.safeParse({
    name: form.name,
    description: form.description.trim(),
    components: form.components.map((c) => ({ metric: c.metric, weight: weightOf(c.weight), invert: c.invert })),
  });
  if (parsed.success) return { ok: true, request: parsed.data };
  const errors: CoreIndexErrors = {};
  for (const issue of parsed.error.issues) (errors[coreIndexSlot(issue.path)] ??= []).push(issue.message);
  return { ok: false, errors };
}

/** The form field a contract issue at `path` is about. */
export function coreIndexSlot(path: readonly PropertyKey[]): CoreIndexSlot {
  const [head, row, field] = path;
  if (head === 'name' || head === 'description') return head;
  if (head !== 'components') return 'form';
  if (typeof row !== 'number') return 'components';
  return field === 'weight' ? `components.${row}.weight` : `components.${row}.metric`;
}
