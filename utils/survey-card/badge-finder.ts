import { badgeHostOf } from '../overlay/badge-anchor';

/**
 * The badge host on the page of each wanted item (values from badgeItemValue), from the overlay's
 * registry in the extension's isolated world: no scan of the document, no attribute on the page.
 */
export function findBadgeHosts(wanted: ReadonlySet<string>): Map<string, Element> {
  const found = new Map<string, Element>();
  for (const value of wanted) {
    const host = badgeHostOf(value);
    if (host) found.set(value, host);
  }
  return found;
}
