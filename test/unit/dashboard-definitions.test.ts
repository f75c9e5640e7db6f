import { describe, expect, it } from 'vitest';
import {
  CORE_INDEX_COMPONENTS_MAX,
  CoreIndexInput,
  CustomMetricCreate,
  CustomMetricInput,
  type CoreIndexVersion,
  type CustomMetric,
  type MetricDefinition,
} from '../../contract';
import {
  checkCoreIndex,
  coreIndexSlot,
  formFromCoreIndex,
  nextComponent,
  proportionMetrics,
} from '../../utils/dashboard/definitions-core-index';
import {
  blankCustomMetricForm,
  blankFilter,
  checkCustomMetricEdit,
  checkNewCustomMetric,
  customMetricSlot,
  formFromCustomMetric,
  type CustomMetricForm,
} from '../../utils/dashboard/definitions-form';
import { componentText, countsText, filterText, weightShares } from '../../utils/dashboard/definitions-labels';
import {
  dashboardSearch,
  definitionsPart,
  definitionsView,
  readDashboardView,
  viewOf,
  type DefinitionsPart,
} from '../../utils/dashboard/view';

const NOW = new Date('2026-03-01T20:30:00Z');

/** "Appeal volume" as an analyst fills the form: a count of appeals. */
function appealVolume(edit: Partial<CustomMetricForm> = {}): CustomMetricForm {
  return {
    ...blankCustomMetricForm(),
    id: ' appeal_volume ',
    name: '  Appeal volume ',
    description: ' Appeals filed. ',
    numerator: { ...blankFilter(), kind: ['appeal'] },
    ...edit,
  };
}

const STORED: CustomMetric = {
  id: 'posts_overturns',
  name: 'Posts overturns',
  description: 'Appeals on posts that overturned the decision.',
  kind: 'proportion',
  numerator: { verdict: ['incorrect', 'partially_correct'] },
  denominator: { kind: ['appeal'], queue: ['posts', 'videos'], guidelineVersion: ['mod-2026.3'] },
  createdBy: 'analyst.riley',
  createdAt: '2026-02-01T10:00:00.000Z',
  updatedBy: 'analyst.riley',
  updatedAt: '2026-02-01T10:00:00.000Z',
};

describe('the definitions page is a URL', () => {
  it('writes each part as its own link and reads it back', () => {
    const parts: [DefinitionsPart, string][] = [
      [{ part: 'list' }, 'view=definitions'],
      [{ part: 'new' }, 'view=definitions&new'],
      [{ part: 'edit', id: 'appeal_volume' }, 'view=definitions&edit=appeal_volume'],
      [{ part: 'index' }, 'view=definitions&index'],
    ];
    for (const [part, search] of parts) {
      const view = definitionsView(part);
      expect(dashboardSearch(view)).toBe(search);
      const read = readDashboardView(`?${search}`, NOW);
      expect(read).toEqual({ view, problem: null });
      expect(definitionsPart(read.view)).toEqual(part);
    }
    // A flag written with a value (as a form or another tool might) is the same part.
    expect(definitionsPart(readDashboardView('?view=definitions&new=1', NOW).view)).toEqual({ part: 'new' });
  });

  it('takes no days or time zone, and ignores what other views carry', () => {
    const read = readDashboardView('?view=definitions&tz=UTC&metric=accuracy&from=2026-01-01', NOW);
    expect(read).toEqual({ view: { page: 'definitions', fields: {} }, problem: null });
  });

  it('says why a link cannot be used: an id no custom metric can have, or two parts at once', () => {
    expect(readDashboardView('?view=definitions&edit=Appeal%20Volume', NOW).problem).toContain(
      'edit: a metric id: lowercase letters',
    );
    expect(readDashboardView('?view=definitions&edit=accuracy', NOW).problem).toContain(
      'that id names a built-in metric',
    );
    expect(readDashboardView('?view=definitions&new&index', NOW).problem).toContain('name one of edit, new or index');
  });

  it('keeps the core index version a chart link names', () => {
    const view = viewOf('metric', { metric: 'core_index', version: '3' });
    expect(dashboardSearch(view)).toBe('view=metric&metric=core_index&version=3');
    const read = readDashboardView(`?${dashboardSearch(view)}`, NOW);
    expect(read.problem).toBeNull();
    expect(read.view.fields).toMatchObject({ metric: 'core_index', version: '3', groupBy: 'queue' });
    expect(readDashboardView('?view=metric&metric=core_index&version=-1&tz=UTC', NOW).problem).toContain('version:');
  });
});

describe('the custom metric form', () => {
  it('sends only the filter fields that name values, ticked ones in the contract’s order, lists split and trimmed', () => {
    const checked = checkNewCustomMetric(
      appealVolume({
        numerator: {
          ...blankFilter(),
          verdict: ['partially_correct', 'incorrect'],
          queue: 'posts，videos, ',
          site: ' ',
        },
        proportion: true,
        denominator: { ...blankFilter(), kind: ['gold_check', 'appeal'], guidelineVersion: 'mod-2026.3' },
      }),
    );
    expect(checked).toEqual({
      ok: true,
      request: {
        id: 'appeal_volume',
        name: 'Appeal volume',
        description: 'Appeals filed.',
        numerator: { verdict: ['incorrect', 'partially_correct'], queue: ['posts', 'videos'] },
        denominator: { kind: ['appeal', 'gold_check'], guidelineVersion: ['mod-2026.3'] },
      },
    });
    expect(CustomMetricCreate.parse(checked.ok && checked.request)).toEqual(checked.ok && checked.request);
  });

  it('is a count (denominator null) unless it is a share, whatever the hidden denominator holds', () => {
    const checked = checkNewCustomMetric(
      appealVolume({ proportion: false, denominator: { ...blankFilter(), kind: ['qa_audit'] } }),
    );
    expect(checked.ok && checked.request.denominator).toBeNull();
    // A share of every event is allowed: an empty denominator filter.
    const share = checkNewCustomMetric(appealVolume({ proportion: true }));
    expect(share.ok && share.request.denominator).toEqual({});
  });

  it('places each problem beside its field, in the contract’s words, naming the list entry at fault', () => {
    const checked = checkNewCustomMetric(
      appealVolume({
        id: 'Appeal volume',
        name: '   ',
        numerator: { ...blankFilter(), site: 'demo-moderation, Demo Site' },
        proportion: true,
        denominator: { ...blankFilter(), queue: 'x'.repeat(129) },
      }),
    );
    expect(checked.ok).toBe(false);
    const errors = !checked.ok ? checked.errors : {};
    expect(Object.keys(errors).sort()).toEqual(['denominator.queue', 'id', 'name', 'numerator.site']);
    expect(errors.id).toEqual(['a metric id: lowercase letters, digits and "_", starting with a letter']);
    expect(errors.name).toEqual(['the name is empty']);
    expect(errors['numerator.site']).toHaveLength(1);
    expect(errors['numerator.site']![0]).toMatch(/^"Demo Site": /);
    expect(errors['denominator.queue']![0]).toMatch(new RegExp(`^"${'x'.repeat(129)}": `));
  });

  it('refuses a built-in metric’s id', () => {
    const checked = checkNewCustomMetric(appealVolume({ id: 'overturn_rate' }));
    expect(!checked.ok && checked.errors).toEqual({ id: ['that id names a built-in metric'] });
  });

  it('reads a stored metric back into the form and sends the same filters, without its id, when edited', () => {
    const form = formFromCustomMetric(STORED);
    expect(form.proportion).toBe(true);
    expect(form.denominator.queue).toBe('posts, videos');
    const checked = checkCustomMetricEdit({ ...form, id: 'ignored, the id never changes' });
    expect(checked).toEqual({
      ok: true,
      request: {
        name: STORED.name,
        description: STORED.description,
        numerator: STORED.numerator,
        denominator: STORED.denominator,
      },
    });
    expect(CustomMetricInput.parse(checked.ok && checked.request)).toEqual(checked.ok && checked.request);
    const count = formFromCustomMetric({ ...STORED, kind: 'count', denominator: null });
    expect(count.proportion).toBe(false);
    expect(count.denominator).toEqual(blankFilter());
  });

  it('maps contract paths to form fields', () => {
    expect(customMetricSlot(['numerator', 'guidelineVersion', 3])).toBe('numerator.guidelineVersion');
    expect(customMetricSlot(['denominator', 'kind'])).toBe('denominator.kind');
    expect(customMetricSlot(['denominator'])).toBe('denominator');
    expect(customMetricSlot(['numerator', 'sql'])).toBe('numerator');
    expect(customMetricSlot(['description'])).toBe('description');
    expect(customMetricSlot([])).toBe('form');
  });
});

const DEFINITIONS: MetricDefinition[] = [
  { id: 'accuracy', kind: 'proportion' },
  { id: 'gold_accuracy', kind: 'proportion' },
  { id: 'overturn_rate', kind: 'proportion' },
  { id: 'audit_volume', kind: 'count' },
  { id: 'gap_reports', kind: 'count' },
  { id: 'posts_overturns', kind: 'proportion' },
  { id: 'core_index', kind: 'index' },
].map((d) => ({
  ...d,
  name: d.id,
  description: '',
  source: 'quality_events',
  builtIn: false,
  dimensions: [],
})) as MetricDefinition[];

const VERSION: CoreIndexVersion = {
  version: 4,
  name: 'Quality index',
  description: 'Accuracy first.',
  components: [
    { metric: 'accuracy', weight: 0.5, invert: false, numerator: {}, denominator: {} },
    { metric: 'overturn_rate', weight: 0.25, invert: true, numerator: {}, denominator: {} },
  ],
  createdBy: 'analyst.riley',
  createdAt: '2026-02-01T10:00:00.000Z',
};

describe('the core index form', () => {
  it('starts from the version in force and sends it back unchanged', () => {
    const form = formFromCoreIndex(VERSION);
    expect(form.components).toEqual([
      { metric: 'accuracy', weight: '0.5', invert: false },
      { metric: 'overturn_rate', weight: '0.25', invert: true },
    ]);
    const checked = checkCoreIndex(form);
    expect(checked).toEqual({
      ok: true,
      request: {
        name: 'Quality index',
        description: 'Accuracy first.',
        components: [
          { metric: 'accuracy', weight: 0.5, invert: false },
          { metric: 'overturn_rate', weight: 0.25, invert: true },
        ],
      },
    });
    expect(CoreIndexInput.parse(checked.ok && checked.request)).toEqual(checked.ok && checked.request);
  });

  it('places problems beside the row at fault: an empty, zero or non-numeric weight; no metric at all', () => {
    const form = formFromCoreIndex(VERSION);
    const weights = checkCoreIndex({
      ...form,
      name: '',
      components: [
        { metric: 'accuracy', weight: '', invert: false },
        { metric: 'overturn_rate', weight: '0', invert: false },
        { metric: 'gold_accuracy', weight: 'e', invert: false },
      ],
    });
    expect(weights.ok).toBe(false);
    const errors = !weights.ok ? weights.errors : {};
    expect(Object.keys(errors).sort()).toEqual([
      'components.0.weight',
      'components.1.weight',
      'components.2.weight',
      'name',
    ]);
    const none = checkCoreIndex({ ...form, components: [] });
    expect(!none.ok && Object.keys(none.errors)).toEqual(['components']);
  });

  it('adds the first proportion metric not in the index yet, and nothing once none is left or the index is full', () => {
    const proportions = proportionMetrics(DEFINITIONS);
    expect(proportions.map((d) => d.id)).toEqual(['accuracy', 'gold_accuracy', 'overturn_rate', 'posts_overturns']);
    const form = formFromCoreIndex(VERSION);
    expect(nextComponent(form, proportions)).toEqual({ metric: 'gold_accuracy', weight: '1', invert: false });
    const all = { ...form, components: proportions.map((d) => ({ metric: d.id, weight: '1', invert: false })) };
    expect(nextComponent(all, proportions)).toBeNull();
    const full = {
      ...form,
      components: Array.from({ length: CORE_INDEX_COMPONENTS_MAX }, () => ({
        metric: 'accuracy',
        weight: '1',
        invert: false,
      })),
    };
    expect(nextComponent(full, proportions)).toBeNull();
  });

  it('maps contract paths to rows', () => {
    expect(coreIndexSlot(['components', 2, 'weight'])).toBe('components.2.weight');
    expect(coreIndexSlot(['components', 2, 'metric'])).toBe('components.2.metric');
    expect(coreIndexSlot(['components'])).toBe('components');
    expect(coreIndexSlot(['name'])).toBe('name');
    expect(coreIndexSlot(['nonsense'])).toBe('form');
  });
});

describe('definitions in words', () => {
  it('says what a filter keeps and what a custom metric counts', () => {
    expect(filterText({})).toBe('any event');
    expect(filterText({ kind: ['appeal', 'gold_check'], queue: ['posts'], guidelineVersion: ['mod-2026.3'] })).toBe(
      'Kind: Appeal, Gold check; Queue: posts; Guideline version: mod-2026.3',
    );
    expect(countsText({ numerator: { kind: ['appeal'] }, denominator: null })).toBe(
      'Counts events where Kind: Appeal.',
    );
    expect(countsText(STORED)).toBe(
      'Of events where Kind: Appeal; Queue: posts, videos; Guideline version: mod-2026.3: the share where also Verdict: Incorrect, Partially correct.',
    );
  });

  it('weighs each component by its share of the weights, and says when lower is better', () => {
    expect(weightShares([0.5, 0.3, 0.2])).toEqual([0.5, 0.3, 0.2]);
    expect(weightShares([2, 6])).toEqual([0.25, 0.75]);
    expect(weightShares([1, Number.NaN])).toEqual([null, null]);
    expect(weightShares([1, 0])).toEqual([null, null]);
    expect(componentText({ weight: 0.2, invert: true }, 'Overturn rate')).toBe('Overturn rate × 0.2 (lower is better)');
    expect(componentText({ weight: 1500, invert: false }, 'Accuracy')).toBe('Accuracy × 1,500');
  });
});
