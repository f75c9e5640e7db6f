import type { SiteAdapterInput } from '../../contract/adapter';
import { createBadge } from './badge';
import { placeBadge } from './badge-placement';
import { badgeVisibility, type BadgeVisibility } from './badge-visibility';

/** Where a badge goes: relative to an anchor inside the item (or the item itself). */
export interface Placement {
  selector?: string;
  position: 'append' | 'prepend' | 'before' | 'after';
}

/** Places a loading badge as `placement` says, measures whether it can be seen, and removes it. */
export function probeBadge(adapter: SiteAdapterInput, item: Element, placement: Placement): BadgeVisibility {
  const badge = createBadge(item.ownerDocument, () => undefined);
  badge.render({ kind: 'loading' });
  try {
    placeBadge({ ...adapter, badge: placement }, item, badge.host);
    return badgeVisibility(badge.host, item);
  } finally {
    badge.host.remove();
  }
}

/**
 * Placements to try when the adapter's own hides its badges, nearest first:
 * the other positions at the same anchor, then around the item itself.
 */
export function alternativePlacements(adapter: SiteAdapterInput): Placement[] {
  const current: Placement = { selector: adapter.badge?.selector, position: adapter.badge?.position ?? 'append' };
  const positions: Placement['position'][] = ['prepend', 'before', 'after', 'append'];
  const candidates: Placement[] = [
    ...(current.selector ? positions.map((position) => ({ selector: current.selector, position })) : []),
    ...positions.map((position) => ({ position })),
  ];
  return candidates.filter((c) => !(c.selector === current.selector && c.position === current.position));
}

/** The first placement whose badges can be seen on every probed item, or null. */
export function suggestPlacement(adapter: SiteAdapterInput, items: readonly Element[]): Placement | null {
  for (const placement of alternativePlacements(adapter)) {
    const seen = items.map((item) => probeBadge(adapter, item, placement)).filter((v) => v !== 'offscreen');
    if (seen.length > 0 && seen.every((v) => v === 'visible')) return placement;
  }
  return null;
}
