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
 * element. Only the ancestors up to the item count as clipping it: a scroll
 * container above the item hides rows scrolled away, which is not the
 * badge's fault, so such a badge (like one outside the viewport) cannot be
 * judged and answers `offscreen`.
 */
export function badgeVisibility(host: Element, item: Element): BadgeVisibility {
  const rect = host.getBoundingClientRect();
  if (rect.width < 1 || rect.height < 1) return 'zeroSize';
  const view = host.ownerDocument.defaultView;
  if (!view) return 'offscreen';
  let belowItem = true;
  for (let node = parentOf(host); node; node = parentOf(node)) {
    if (clips(view.getComputedStyle(node)) && !contains(node.getBoundingClientRect(), rect)) {
      // Between badge and item, the clipping is the adapter's doing; above the item, a scroll container
      // has merely scrolled the row away, and nothing about the badge can be judged.
      return belowItem ? 'clipped' : 'offscreen';
    }
    if (node === item) belowItem = false;
  }
  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 2;
  if (x < 0 || y < 0 || x >= view.innerWidth || y >= view.innerHeight) return 'offscreen';
  // Hit testing from outside a shadow tree answers its host: the badge itself, or what covers it.
  const root = host.getRootNode() as Document | ShadowRoot;
  const top = root.elementFromPoint(x, y);
  return top === null || top === host || host.contains(top) ? 'visible' : 'covered';
}

/** The parent element, crossing out of a shadow root to its host. */
function parentOf(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

function contains(box: DOMRect, rect: DOMRect): boolean {
  return (
    rect.left >= box.left - TOLERANCE_PX &&
    rect.right <= box.right + TOLERANCE_PX &&
    rect.top >= box.top - TOLERANCE_PX &&
    rect.bottom <= box.bottom + TOLERANCE_PX
  );
}
