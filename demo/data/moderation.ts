import { QUEUE_SPECS, SLOTS, type QueueSpec } from './moderation-catalog';
import { fillTemplate, type Rng } from './prng';
import type { ModerationItem, ModerationQueue } from './types';

/** Items generated per queue. */
export const ITEMS_PER_QUEUE = 800;

/** How hard an item is for reviewers; drives event count and error rate. */
export type Difficulty = 'untouched' | 'easy' | 'medium' | 'hard';

/** An item before timestamps are fixed: ages are offsets so the anchor can move freely. */
export interface PlannedItem {
  item: Omit<ModerationItem, 'createdAt'>;
  spec: QueueSpec;
  difficulty: Difficulty;
  /** Milliseconds before the anchor the item was created. */
  createdOffsetMs: number;
}

const DAY_MS = 86_400_000;

/** The queue list as the console's nav shows it. */
export function moderationQueues(): ModerationQueue[] {
  return QUEUE_SPECS.map((spec) => ({ id: spec.id, name: spec.name, policies: Object.keys(spec.policies) }));
}

/** Generates every queue's items, in id order. */
export function planModerationItems(rng: Rng): PlannedItem[] {
  const planned: PlannedItem[] = [];
  for (const spec of QUEUE_SPECS) {
    const policyWeights = Object.fromEntries(Object.entries(spec.policies).map(([id, p]) => [id, p.weight]));
    for (let n = 1; n <= ITEMS_PER_QUEUE; n++) {
      const policy = rng.weighted(policyWeights);
      const policySpec = spec.policies[policy]!;
      // Classifiers over-flag: a third of flagged items are ordinary content.
      const benign = rng.chance(0.32);
      const [template, category] = benign
        ? rng.pick(spec.benignTitles)
        : [rng.pick(policySpec.titles), rng.pick(policySpec.categories)];
      const title = fillTemplate(rng, template, SLOTS);
      const proposedLabel = benign && rng.chance(0.8) ? 'approve' : rng.weighted(policySpec.labels);
      const difficulty = rng.weighted<Difficulty>({ untouched: 20, easy: 44, medium: 26.4, hard: 9.6 });
      // Audited items need room for their history; fresh items can be minutes old.
      const createdOffsetMs =
        difficulty === 'untouched'
          ? rng.int(2 * 3_600_000, 89 * DAY_MS)
          : rng.int(difficulty === 'hard' ? 45 * DAY_MS : 12 * DAY_MS, 89 * DAY_MS);
      planned.push({
        item: {
          id: `${spec.prefix}-${String(n).padStart(5, '0')}`,
          queue: spec.id,
          title: capitalise(title),
          category,
          proposedLabel,
          policy,
        },
        spec,
        difficulty,
        createdOffsetMs: roundToSecond(createdOffsetMs),
      });
    }
  }
  return planned;
}

/** Whole seconds look like real exported timestamps. */
export function roundToSecond(ms: number): number {
  return Math.round(ms / 1000) * 1000;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
