/** Tag name of every element QA Lens adds to a page; discovery skips them. */
export const OWN_TAG = 'qa-lens-badge';

/** Up to this many new elements are handled in the mutation callback itself (badge latency < 1 frame). */
const IMMEDIATE_LIMIT = 100;
/** Larger batches are handled in slices of this many milliseconds, one slice per frame. */
const SLICE_MS = 8;

export interface Watcher {
  /** Selector of the item elements this watcher wants. */
  selector: string;
  /** Attributes whose change means the element now shows another item (virtualised lists reuse rows). */
  keyAttributes: string[];
  /** New elements; `immediate` is false for large batches that should be decorated lazily. */
  found(elements: Element[], immediate: boolean): void;
  /** An element whose key attribute changed. */
  changed(element: Element): void;
  /** One of our badges was removed by the page (an item re-render). */
  badgeRemoved(host: Element): void;
}

export interface DiscoveryOptions {
  signal: AbortSignal;
  root?: Document;
  /** Defers a slice of work to the next frame; a parameter so tests can run it synchronously. */
  nextFrame?: (callback: () => void) => void;
  now?: () => number;
}

/**
 * The one element-discovery helper: a single MutationObserver for every
 * adapter on the page. It reports each matching element once, ignores nodes
 * QA Lens added, handles small batches at once and slices large ones across
 * frames so no task runs long. Everything stops when `signal` aborts.
 */
export function createDiscovery({
  signal,
  root = document,
  nextFrame = (cb) => requestAnimationFrame(cb),
  now = () => performance.now(),
}: DiscoveryOptions) {
  const watchers: Watcher[] = [];
  const seen = new WeakSet<Element>();
  const queue: { watcher: Watcher; element: Element }[] = [];
  let slicing = false;

  const observer = new MutationObserver((records) => {
    let added = 0;
    for (const record of records) {
      if (record.type === 'attributes') {
        const target = record.target as Element;
        for (const watcher of watchers) {
          if (
            seen.has(target) &&
            watcher.keyAttributes.includes(record.attributeName!) &&
            target.matches(watcher.selector)
          ) {
            watcher.changed(target);
          }
        }
        continue;
      }
      for (const node of record.removedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE && (node as Element).localName === OWN_TAG) {
          for (const watcher of watchers) watcher.badgeRemoved(node as Element);
        }
      }
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) added += collect(node as Element);
      }
    }
    if (added > 0) drain(added <= IMMEDIATE_LIMIT && !slicing);
  });

  signal.addEventListener('abort', () => observer.disconnect(), { once: true });

  function collectFor(watcher: Watcher, scope: Element | Document): number {
    let count = 0;
    if (scope instanceof Element && scope.matches(watcher.selector) && !seen.has(scope)) {
      seen.add(scope);
      queue.push({ watcher, element: scope });
      count += 1;
    }
    // Most added nodes are leaves or rows without nested items: skip the query when nothing can match.
    if (scope instanceof Element && scope.childElementCount === 0) return count;
    for (const element of scope.querySelectorAll(watcher.selector)) {
      if (seen.has(element)) continue;
      seen.add(element);
      queue.push({ watcher, element });
      count += 1;
    }
    return count;
  }

  function collect(scope: Element): number {
    if (scope.localName === OWN_TAG) return 0;
    let count = 0;
    for (const watcher of watchers) count += collectFor(watcher, scope);
    return count;
  }

  /** Hands queued elements to their watchers: all now, or slice by slice across frames. */
  function drain(immediate: boolean): void {
    if (immediate) {
      deliver(queue.splice(0), true);
      return;
    }
    if (slicing) return;
    slicing = true;
    const slice = () => {
      if (signal.aborted) return;
      const start = now();
      while (queue.length > 0 && now() - start < SLICE_MS) deliver(queue.splice(0, 250), false);
      if (queue.length > 0) nextFrame(slice);
      else slicing = false;
    };
    slice();
  }

  function deliver(batch: { watcher: Watcher; element: Element }[], immediate: boolean): void {
    const perWatcher = new Map<Watcher, Element[]>();
    for (const { watcher, element } of batch) {
      let list = perWatcher.get(watcher);
      if (!list) perWatcher.set(watcher, (list = []));
      list.push(element);
    }
    for (const [watcher, elements] of perWatcher) {
      try {
        watcher.found(elements, immediate);
      } catch (error) {
        // One adapter's failure must not stop the others.
        console.error('[QA Lens] adapter failed on new items', error);
      }
    }
  }

  function observe(): void {
    const keyAttributes = [...new Set(watchers.flatMap((w) => w.keyAttributes))];
    observer.observe(root, {
      childList: true,
      subtree: true,
      ...(keyAttributes.length > 0 ? { attributes: true, attributeFilter: keyAttributes } : {}),
    });
  }

  return {
    /** Starts reporting elements for one watcher, beginning with those already on the page. */
    watch(watcher: Watcher): void {
      if (signal.aborted) return;
      watchers.push(watcher);
      observe();
      const count = collectFor(watcher, root);
      if (count > 0) drain(count <= IMMEDIATE_LIMIT && !slicing);
    },
  };
}
