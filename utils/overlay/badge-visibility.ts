/** Whether a person can see a drawn badge, or why not. */
export type BadgeVisibility = 'visible' | 'zeroSize' | 'clipped' | 'covered' | 'offscreen';

/** A badge may poke out of its clipping box by this much (subpixel layout, borders). */
const TOLERANCE_PX = 1;

function clips(style: CSSStyleDeclaration): boolean {
  return style.overflowX !== 'visible' || style.overflowY !== 'visible';
}

/**
 * Checks one drawn badge the way a person would see it: it must have a size,
 * must not be cut off by an element between it and its item whose overflow
 * hides it (a data grid's ellipsis cell), and must not be under another
 * element. Only the ancestors up to the item count: a scroll container above
 * the item hides rows scrolled away, which is not the badge's fault. Badges
 * outside the viewport cannot be hit-tested and answer `offscreen`.
 */
export function badgeVisibility(host: Element, item: Element): BadgeVisibility {
  const rect = host.getBoundingClientRect();
  if (rect.width < 1 || rect.height < 1) return 'zeroSize';
  const view = host.ownerDocument.defaultView;
  if (!view) return 'offscreen';
  for (let node = host.parentElement; node; node = node.parentElement) {
    if (clips(view.getComputedStyle(node))) {
      const box = node.getBoundingClientRect();
      const inside =
        rect.left >= box.left - TOLERANCE_PX &&
        rect.right <= box.right + TOLERANCE_PX &&
        rect.top >= box.top - TOLERANCE_PX &&
        rect.bottom <= box.bottom + TOLERANCE_PX;
      if (!inside) return 'clipped';
    }
    if (node === item) break;
  }
  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 2;
  if (x < 0 || y < 0 || x >= view.innerWidth || y >= view.innerHeight) return 'offscreen';
  // Hit testing from outside a shadow tree answers its host: the badge itself, or what covers it.
  const root = host.getRootNode() as Document | ShadowRoot;
  const top = root.elementFromPoint(x, y);
  return top === null || top === host || host.contains(top) ? 'visible' : 'covered';
}
