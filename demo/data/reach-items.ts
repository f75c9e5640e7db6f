import type { DemoSeed, ModerationItem } from './types';
import { DEMO_SITES } from './types';

/** Rows the review grid holds per queue: enough that only a window of them is ever in the DOM. */
export const GRID_ROWS = 200;

/** Rows the web-component queue shows. */
export const COMPONENT_ROWS = 50;

/** The first `count` items of a moderation queue, in id order; empty for an unknown queue. */
export function firstItems(seed: DemoSeed, queue: string, count: number): ModerationItem[] {
  return seed.moderation.items.filter((item) => item.queue === queue).slice(0, count);
}

/**
 * The first `count` items of a queue that have seeded quality events, so every
 * row an overlay finds there has history to show.
 */
export function itemsWithEvents(seed: DemoSeed, queue: string, count: number): ModerationItem[] {
  const audited = new Set(seed.events.filter((e) => e.site === DEMO_SITES.moderation).map((e) => e.itemKey));
  return seed.moderation.items.filter((item) => item.queue === queue && audited.has(item.id)).slice(0, count);
}

/** What the client scripts get of an item: the columns they show, nothing else. */
export interface ReachRow {
  id: string;
  title: string;
  category: string;
  label: string;
  policy: string;
}

/** Trims an item to {@link ReachRow}. */
export function toReachRow(item: ModerationItem): ReachRow {
  return { id: item.id, title: item.title, category: item.category, label: item.proposedLabel, policy: item.policy };
}
