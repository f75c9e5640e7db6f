/** The part of IntersectionObserver lazy blocks use. */
export interface VisibilityObserver {
  observe(element: Element): void;
  unobserve(element: Element): void;
  disconnect(): void;
}

/** Makes an observer that calls back with the observed elements that came near the viewport. */
export type VisibilityObserverFactory = (onVisible: (elements: Element[]) => void) => VisibilityObserver;

/**
 * Items per lazy block. Only a block's first and last item are watched for
 * visibility: 10,000 items cost 200 observations, not 10,000, and no key is
 * read until its block nears the viewport. Each block's badges go into the
 * page together, and every insertion makes the browser lay out the list
 * again, so on long lists fewer, larger blocks cost less than many small ones.
 */
export const BLOCK = 100;

/** An IntersectionObserver that reports a screen ahead, so scrolling rarely shows a badge appear. */
export const defaultVisibilityObserver: VisibilityObserverFactory = (onVisible) =>
  new IntersectionObserver((entries) => onVisible(entries.filter((e) => e.isIntersecting).map((e) => e.target)), {
    rootMargin: '800px 0px 800px 0px',
  });

export type LazyBlocks = ReturnType<typeof createLazyBlocks>;

/**
 * The lazy-block scheduler: splits a large batch of items into blocks, watches
 * each block through its two ends, and hands a whole block to `reveal` once
 * either end comes near the viewport (each block once).
 */
export function createLazyBlocks(
  reveal: (block: Element[]) => void,
  createObserver: VisibilityObserverFactory = defaultVisibilityObserver,
) {
  const blocks = new WeakMap<Element, Element[]>();
  const observer = createObserver((anchors) => {
    for (const anchor of anchors) {
      const block = blocks.get(anchor);
      if (!block) continue; // its other end came into view in the same callback
      forget(block);
      reveal(block);
    }
  });

  function ends(block: Element[]): [Element, Element] {
    return [block[0]!, block[block.length - 1]!];
  }

  function forget(block: Element[]): void {
    for (const end of ends(block)) {
      blocks.delete(end);
      observer.unobserve(end);
    }
  }

  function watch(block: Element[]): void {
    const [first, last] = ends(block);
    blocks.set(first, block);
    blocks.set(last, block);
    observer.observe(first);
    if (last !== first) observer.observe(last);
  }

  return {
    /** Watches these items in blocks of BLOCK, in order. */
    add(elements: readonly Element[]): void {
      for (let start = 0; start < elements.length; start += BLOCK) watch(elements.slice(start, start + BLOCK));
    },
    /** An item left the page: a block watched through it is re-anchored on its remaining items. */
    removed(element: Element): void {
      const block = blocks.get(element);
      if (!block) return;
      forget(block);
      const rest = block.filter((item) => item !== element && item.isConnected);
      if (rest.length > 0) watch(rest);
    },
    /** Stops watching everything. */
    disconnect(): void {
      observer.disconnect();
    },
  };
}
