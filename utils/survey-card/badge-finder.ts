import { BADGE_ITEM_ATTRIBUTE } from '../overlay/badge-anchor';

/** Every open shadow root under `root`, depth first (items inside web components live there). */
function* openShadowRoots(doc: Document, root: Document | ShadowRoot): Generator<ShadowRoot> {
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const shadow = (node as Element).shadowRoot;
    if (shadow) {
      yield shadow;
      yield* openShadowRoots(doc, shadow);
    }
  }
}

/**
 * The first badge host of each wanted item (by its BADGE_ITEM_ATTRIBUTE value): one pass over the
 * document, and over open shadow roots only while some item is still missing. Values are compared
 * as strings, never put into a selector, so no item key needs escaping.
 */
export function findBadgeHosts(doc: Document, wanted: ReadonlySet<string>): Map<string, Element> {
  const found = new Map<string, Element>();
  const scan = (root: Document | ShadowRoot) => {
    for (const host of root.querySelectorAll(`[${BADGE_ITEM_ATTRIBUTE}]`)) {
      const value = host.getAttribute(BADGE_ITEM_ATTRIBUTE)!;
      if (wanted.has(value) && !found.has(value)) found.set(value, host);
    }
  };
  scan(doc);
  if (found.size < wanted.size) {
    for (const shadow of openShadowRoots(doc, doc)) {
      scan(shadow);
      if (found.size === wanted.size) break;
    }
  }
  return found;
}
