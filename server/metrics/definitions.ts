import {
  CORE_INDEX,
  type CoreIndexVersion,
  type CustomMetric,
  type EventFilter,
  type MetricDefinition,
  type MetricDimension,
} from '../../contract';

/*
 * What each metric counts. Built-in event metrics are written as the same filters analysts use
 * for custom metrics, so one SQL builder serves both and the definitions below are the whole
 * meaning of each built-in (issue 11):
 * - accuracy: QA audits and gold checks judged `correct`, over all of them (partially correct is not correct);
 * - gold_accuracy: the same over gold checks alone;
 * - overturn_rate: appeals judged `incorrect` (the decision was overturned), over all appeals;
 * - audit_volume: the count of QA audits;
 * - gap_reports: the count of gap reports (by the day they arrived, merged duplicates included).
 */

/** An event metric: a proportion (events matching `denominator`, of which also `numerator`) or a count. */
export interface EventMetric {
  id: string;
  source: 'quality_events';
  kind: 'proportion' | 'count';
  numerator: EventFilter;
  denominator: EventFilter | null;
}

/** The count of gap reports. */
export interface ReportMetric {
  id: string;
  source: 'gap_reports';
  kind: 'count';
}

/** The core index: a weighted mean of proportions, one version. */
export interface IndexMetric {
  id: typeof CORE_INDEX;
  source: 'core_index';
  kind: 'index';
  index: CoreIndexVersion;
}

export type ResolvedMetric = EventMetric | ReportMetric | IndexMetric;

const JUDGED: EventFilter = { kind: ['qa_audit', 'gold_check'] };

interface BuiltIn {
  metric: EventMetric | ReportMetric;
  name: string;
  description: string;
}

const BUILT_INS: BuiltIn[] = [
  {
    metric: {
      id: 'accuracy',
      source: 'quality_events',
      kind: 'proportion',
      numerator: { verdict: ['correct'] },
      denominator: JUDGED,
    },
    name: 'Accuracy',
    description:
      'QA audits and gold checks judged correct, of all QA audits and gold checks (partially correct is not correct).',
  },
  {
    metric: {
      id: 'gold_accuracy',
      source: 'quality_events',
      kind: 'proportion',
      numerator: { verdict: ['correct'] },
      denominator: { kind: ['gold_check'] },
    },
    name: 'Gold accuracy',
    description: 'Gold checks judged correct, of all gold checks.',
  },
  {
    metric: {
      id: 'overturn_rate',
      source: 'quality_events',
      kind: 'proportion',
      numerator: { verdict: ['incorrect'] },
      denominator: { kind: ['appeal'] },
    },
    name: 'Overturn rate',
    description: 'Appeals that found the decision incorrect, of all appeals.',
  },
  {
    metric: {
      id: 'audit_volume',
      source: 'quality_events',
      kind: 'count',
      numerator: { kind: ['qa_audit'] },
      denominator: null,
    },
    name: 'Audit volume',
    description: 'The number of QA audits.',
  },
  {
    metric: { id: 'gap_reports', source: 'gap_reports', kind: 'count' },
    name: 'Gap reports',
    description: 'The number of SOP gap reports, by the day they arrived (merged duplicates included).',
  },
];

/** The dimensions an event metric is grouped and filtered by; gap reports add the guideline section and the report type. */
export const EVENT_DIMENSIONS: readonly MetricDimension[] = ['site', 'queue', 'policy', 'guideline_version', 'actor'];
export const REPORT_DIMENSIONS: readonly MetricDimension[] = [
  'site',
  'queue',
  'policy',
  'guideline_version',
  'section',
  'type',
  'actor',
];

/** The built-in metric `id`, or undefined. */
export function builtInMetric(id: string): EventMetric | ReportMetric | undefined {
  return BUILT_INS.find((entry) => entry.metric.id === id)?.metric;
}

/** A custom metric as the SQL builder reads it. */
export function customEventMetric(metric: Pick<CustomMetric, 'id' | 'numerator' | 'denominator'>): EventMetric {
  return {
    id: metric.id,
    source: 'quality_events',
    kind: metric.denominator ? 'proportion' : 'count',
    numerator: metric.numerator,
    denominator: metric.denominator,
  };
}

/**
 * Version 0 of the core index, in force until an analyst saves one: accuracy weighs most, gold
 * accuracy next, and the overturn rate counts against (a lower overturn rate is better).
 */
export const DEFAULT_CORE_INDEX: CoreIndexVersion = {
  version: 0,
  name: 'Core quality index (default)',
  description: 'Built-in default: 0.5 × accuracy + 0.3 × gold accuracy + 0.2 × (1 − overturn rate).',
  components: [
    { metric: 'accuracy', weight: 0.5, invert: false, numerator: { verdict: ['correct'] }, denominator: JUDGED },
    {
      metric: 'gold_accuracy',
      weight: 0.3,
      invert: false,
      numerator: { verdict: ['correct'] },
      denominator: { kind: ['gold_check'] },
    },
    {
      metric: 'overturn_rate',
      weight: 0.2,
      invert: true,
      numerator: { verdict: ['incorrect'] },
      denominator: { kind: ['appeal'] },
    },
  ],
  createdBy: null,
  createdAt: null,
};

/** Every metric's definition for the definitions route: built-ins, then custom ones, then the core index. */
export function metricDefinitions(custom: readonly CustomMetric[], coreIndex: CoreIndexVersion): MetricDefinition[] {
  return [
    ...BUILT_INS.map(({ metric, name, description }) => ({
      id: metric.id,
      name,
      description,
      kind: metric.kind,
      source: metric.source,
      builtIn: true,
      dimensions: [...(metric.source === 'gap_reports' ? REPORT_DIMENSIONS : EVENT_DIMENSIONS)],
    })),
    ...custom.map((metric) => ({
      id: metric.id,
      name: metric.name,
      description: metric.description,
      kind: metric.kind,
      source: 'quality_events' as const,
      builtIn: false,
      dimensions: [...EVENT_DIMENSIONS],
    })),
    {
      id: CORE_INDEX,
      name: coreIndex.name,
      description: coreIndex.description,
      kind: 'index',
      source: 'core_index',
      builtIn: true,
      dimensions: [...EVENT_DIMENSIONS],
    },
  ];
}
