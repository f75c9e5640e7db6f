import type { ItemRef } from '../../contract/common';

/** One string per item, for maps keyed by item (NUL cannot appear in a site id). */
export function itemRefKey(ref: ItemRef): string {
  return `${ref.site}\u0000${ref.itemKey}`;
}
