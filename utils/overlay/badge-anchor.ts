import type { ItemRef } from '../../contract/common';

/*
 * Where each item's badge is, for the survey card script (loaded only where a survey is shown) to
 * sit beside it without the overlay knowing about surveys. Kept in the extension's isolated world,
 * which every content script of QA Lens in a frame shares and page script cannot see: a badge host
 * carries no attribute, so the page learns nothing from it (test/e2e/reach.spec.ts checks that).
 */

const REGISTRY = Symbol.for('qa-lens.badge-hosts');
/** Past this many items, entries whose badge has left the page are dropped (long infinite scrolls). */
const PRUNE_AT = 5_000;

type Registry = Map<string, WeakRef<Element>>;

function registry(): Registry {
  const scope = globalThis as { [REGISTRY]?: Registry };
  return (scope[REGISTRY] ??= new Map());
}

/** The registry's key for one item: its site and key (a site id holds no space). */
export function badgeItemValue(ref: ItemRef): string {
  return `${ref.site} ${ref.itemKey}`;
}

/** Records `host` as the item's badge, unless a badge of it is already on the page. */
export function registerBadgeHost(ref: ItemRef, host: Element): void {
  const hosts = registry();
  const key = badgeItemValue(ref);
  if (hosts.get(key)?.deref()?.isConnected) return;
  if (hosts.size >= PRUNE_AT) {
    for (const [k, weak] of hosts) if (!weak.deref()?.isConnected) hosts.delete(k);
  }
  hosts.set(key, new WeakRef(host));
}

/** The badge host on the page for the item named by `value` (see badgeItemValue), or null. */
export function badgeHostOf(value: string): Element | null {
  const host = registry().get(value)?.deref();
  return host?.isConnected ? host : null;
}
