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
  /** An item element this watcher was given left the page. */
  removed(element: Element): void;
  /** One of our badges left the page: put it back, or forget it if its item left too. */
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
  /** Per watcher: two adapters may want the same elements. */
  const seen = new Map<Watcher, WeakSet<Element>>();
  /** Found elements not yet handed over, per watcher, in document order. */
  const queue = new Map<Watcher, Element[]>();
  let queued = 0;
  let slicing = false;

  const observer = new MutationObserver((records) => {
    let addedNodes = 0;
    for (const record of records) {
      if (record.type === 'attributes') {
        keyChanged(record.target as Element, record.attributeName!);
        continue;
      }
      if (record.removedNodes.length > 0) removedFrom(record.removedNodes);
      // Our badges arrive one per record; counting them would push a scroll's worth of new badges
      // over the bulk threshold. Checking single-node records only keeps a 10,000-row insertion cheap.
      const nodes = record.addedNodes;
      if (nodes.length !== 1 || (nodes[0] as Element).localName !== OWN_TAG) addedNodes += nodes.length;
    }
    if (addedNodes === 0) return;
    let added = 0;
    if (addedNodes > IMMEDIATE_LIMIT) {
      // Thousands of rows at once: one query over the document beats looking inside every added node.
      for (const watcher of watchers) added += collectFor(watcher, root);
    } else {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.nodeType === Node.ELEMENT_NODE) added += collect(node as Element);
        }
      }
    }
    if (added > 0) drain(added <= IMMEDIATE_LIMIT && !slicing);
  });

  /** Tells watchers about items and badges that left the page, including inside removed wrappers. */
  function removedFrom(nodes: NodeList): void {
    for (const node of nodes) {
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      const element = node as Element;
      for (const watcher of watchers) if (seen.get(watcher)?.has(element)) watcher.removed(element);
      const hosts = element.localName === OWN_TAG ? [element] : element.getElementsByTagName(OWN_TAG);
      for (const host of hosts) for (const watcher of watchers) watcher.badgeRemoved(host);
    }
  }

  function keyChanged(target: Element, attribute: string): void {
    for (const watcher of watchers) {
      if (watcher.keyAttributes.includes(attribute) && seen.get(watcher)?.has(target)) watcher.changed(target);
    }
  }

  signal.addEventListener('abort', () => observer.disconnect(), { once: true });

  function collectFor(watcher: Watcher, scope: Element | Document): number {
    let list = queue.get(watcher);
    if (!list) queue.set(watcher, (list = []));
    let handled = seen.get(watcher);
    if (!handled) seen.set(watcher, (handled = new WeakSet()));
    const before = list.length;
    if (scope instanceof Element && scope.matches(watcher.selector) && !handled.has(scope)) {
      handled.add(scope);
      list.push(scope);
    }
    // Items do not nest, and leaves hold nothing: skip the query where nothing can match.
    const matchedItself = list.length > before;
    if (!(scope instanceof Element && (matchedItself || scope.childElementCount === 0))) {
      for (const element of scope.querySelectorAll(watcher.selector)) {
        if (handled.has(element)) continue;
        handled.add(element);
        list.push(element);
      }
    }
    queued += list.length - before;
    return list.length - before;
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
      for (const [watcher, list] of queue) deliver(watcher, list.splice(0), true);
      queued = 0;
      return;
    }
    if (slicing) return;
    slicing = true;
    const slice = () => {
      if (signal.aborted) return;
      const start = now();
      for (const [watcher, list] of queue) {
        while (list.length > 0 && now() - start < SLICE_MS) {
          const batch = list.splice(0, 500);
          queued -= batch.length;
          deliver(watcher, batch, false);
        }
      }
      if (queued > 0) nextFrame(slice);
      else slicing = false;
    };
    slice();
  }

  function deliver(watcher: Watcher, elements: Element[], immediate: boolean): void {
    if (elements.length === 0) return;
    try {
      watcher.found(elements, immediate);
    } catch (error) {
      // One adapter's failure must not stop the others.
      console.error('[QA Lens] adapter failed on new items', error);
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
