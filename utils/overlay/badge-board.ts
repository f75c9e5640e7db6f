import type { Badge, BadgeState } from './badge';

export type BadgeBoard = ReturnType<typeof createBadgeBoard>;

/** Whether two states would render alike. */
function sameState(a: BadgeState | undefined, b: BadgeState): boolean {
  if (!a || a.kind !== b.kind) return false;
  if (a.kind === 'summary' && b.kind === 'summary') return JSON.stringify(a.summary) === JSON.stringify(b.summary);
  if (a.kind === 'error' && b.kind === 'error') return a.message === b.message;
  return true;
}

/**
 * Every badge of one page run, by item key, with the state last shown for
 * that item: an answer renders all of an item's badges, and a badge drawn
 * later starts from what its item already shows.
 */
export function createBadgeBoard() {
  const badges = new Map<string, Set<Badge>>();
  const states = new Map<string, BadgeState>();
  const itemOfBadge = new WeakMap<Element, Element>();

  return {
    /** Adds an item's badge; answers the state the item already has, if any. */
    add(key: string, badge: Badge, item: Element): BadgeState | undefined {
      let set = badges.get(key);
      if (!set) badges.set(key, (set = new Set()));
      set.add(badge);
      itemOfBadge.set(badge.host, item);
      return states.get(key);
    },
    /** Stops rendering this badge for this key (its item left, or now shows another item). */
    remove(key: string, badge: Badge): void {
      badges.get(key)?.delete(badge);
    },
    /** Shows a state on every badge of an item; forgets badges whose item left the page. */
    render(key: string, state: BadgeState): void {
      // A revalidated answer is usually the same: re-rendering it would cost a style and layout pass.
      if (sameState(states.get(key), state)) return;
      states.set(key, state);
      const set = badges.get(key);
      if (!set) return;
      for (const badge of set) {
        if (badge.host.isConnected) badge.render(state);
        else if (!itemOfBadge.get(badge.host)?.isConnected) set.delete(badge);
      }
    },
    /** Remembers a state without rendering (a badge about to be drawn renders it itself). */
    setState(key: string, state: BadgeState): void {
      states.set(key, state);
    },
    state: (key: string): BadgeState | undefined => states.get(key),
    /** Whether any badge of this item was drawn in this run. */
    has: (key: string): boolean => badges.has(key),
    /** Whether a badge of this item is on the page now. */
    isOnPage(key: string): boolean {
      for (const badge of badges.get(key) ?? []) if (badge.host.isConnected) return true;
      return false;
    },
    /** The item element a badge host was drawn for. */
    itemOf: (host: Element): Element | undefined => itemOfBadge.get(host),
    /** Removes every badge from the page. */
    clear(): void {
      for (const set of badges.values()) for (const badge of set) badge.host.remove();
      badges.clear();
    },
  };
}
