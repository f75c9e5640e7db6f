import { createFrameSlicer } from './frame-slicer';
import { resolveItemRoots, type ItemRoot } from './shadow-roots';

/** Tag name of every element QA Lens adds to a page; discovery skips them. */
export const OWN_TAG = 'qa-lens-badge';

/** Up to this many new elements are handled in the mutation callback itself (badge latency < 1 frame). */
const IMMEDIATE_LIMIT = 100;
/** Elements handed to a watcher per step of a sliced batch. */
const STEP = 500;

export interface Watcher {
  /** Selector of the item elements this watcher wants. */
  selector: string;
  /** Open shadow roots to enter first, one host selector per level (the adapter's `shadowHosts`). */
  shadowHosts: readonly string[];
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

/** What discovery keeps per watcher. */
interface WatcherState {
  watcher: Watcher;
  /** Where its items live: the document, or the shadow roots its path leads to. */
  roots: Set<ItemRoot>;
  seen: WeakSet<Element>;
  /** Found elements not yet handed over, in document order. */
  queue: Element[];
  /** Later looks for shadow roots not attached yet. */
  retries: number;
  retryTimer?: ReturnType<typeof setTimeout>;
}

/**
 * The one element-discovery helper: a single MutationObserver for every
 * adapter on the page, observing the document and every open shadow root an
 * adapter's path enters. It reports each matching element once, ignores nodes
 * QA Lens added, handles small batches at once and slices large ones across
 * frames so no task runs long. Everything stops when `signal` aborts.
 */
export function createDiscovery({ signal, root = document, nextFrame, now }: DiscoveryOptions) {
  const states: WatcherState[] = [];
  const observed = new WeakSet<Node>();
  const slicer = createFrameSlicer({ signal, nextFrame, now });
  let keyAttributes: string[] = [];

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
    // A new host may have brought a shadow root an adapter's path enters.
    for (const state of states) if (state.watcher.shadowHosts.length > 0) added += enterRoots(state);
    if (addedNodes > IMMEDIATE_LIMIT) {
      // Thousands of rows at once: one query per root beats looking inside every added node.
      for (const state of states) for (const itemRoot of state.roots) added += collectFor(state, itemRoot);
    } else {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.nodeType === Node.ELEMENT_NODE) added += collect(node as Element);
        }
      }
    }
    if (added > 0) drain(added <= IMMEDIATE_LIMIT && !slicer.running);
  });

  signal.addEventListener('abort', () => observer.disconnect(), { once: true });

  /** Tells watchers about items and badges that left the page, including inside removed wrappers. */
  function removedFrom(nodes: NodeList): void {
    for (const node of nodes) {
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      const element = node as Element;
      for (const { watcher, seen } of states) if (seen.has(element)) watcher.removed(element);
      const hosts = element.localName === OWN_TAG ? [element] : element.getElementsByTagName(OWN_TAG);
      for (const host of hosts) for (const { watcher } of states) watcher.badgeRemoved(host);
    }
  }

  function keyChanged(target: Element, attribute: string): void {
    for (const { watcher, seen } of states) {
      if (watcher.keyAttributes.includes(attribute) && seen.has(target)) watcher.changed(target);
    }
  }

  /** Observes a root with the one observer (the document, or a shadow root an adapter enters). */
  function observe(target: Node): void {
    observer.observe(target, {
      childList: true,
      subtree: true,
      ...(keyAttributes.length > 0 ? { attributes: true, attributeFilter: keyAttributes } : {}),
    });
    observed.add(target);
  }

  /** Follows a watcher's shadow path again; new roots are observed and searched. Answers how many items it queued. */
  function enterRoots(state: WatcherState): number {
    let added = 0;
    const { roots, path } = resolveItemRoots(root, state.watcher.shadowHosts);
    // A custom element attaches its shadow root when it is upgraded, which no mutation announces
    // (and content scripts have no customElements.whenDefined): look again a little later.
    if (path.some((level) => level.open < level.hosts)) lookAgainLater(state);
    for (const itemRoot of roots) {
      if (state.roots.has(itemRoot)) continue;
      state.roots.add(itemRoot);
      if (!observed.has(itemRoot)) observe(itemRoot);
      added += collectFor(state, itemRoot);
    }
    return added;
  }

  /** Re-follows a shadow path after 0.5, 1 and 2 s; a closed root stays closed, so it stops there. */
  function lookAgainLater(state: WatcherState): void {
    if (state.retries >= 3 || state.retryTimer !== undefined) return;
    state.retryTimer = setTimeout(
      () => {
        state.retryTimer = undefined;
        state.retries += 1;
        if (signal.aborted) return;
        const added = enterRoots(state);
        if (added > 0) drain(added <= IMMEDIATE_LIMIT && !slicer.running);
      },
      500 * 2 ** state.retries,
    );
    signal.addEventListener('abort', () => clearTimeout(state.retryTimer), { once: true });
  }

  /** Queues a watcher's not yet seen items in `scope`; answers how many. */
  function collectFor(state: WatcherState, scope: Element | ItemRoot): number {
    const { watcher, seen, queue } = state;
    const before = queue.length;
    const isElement = scope.nodeType === Node.ELEMENT_NODE;
    if (isElement && (scope as Element).matches(watcher.selector) && !seen.has(scope as Element)) {
      seen.add(scope as Element);
      queue.push(scope as Element);
    }
    // Items do not nest, and leaves hold nothing: skip the query where nothing can match.
    const matchedItself = queue.length > before;
    if (!(isElement && (matchedItself || (scope as Element).childElementCount === 0))) {
      for (const element of scope.querySelectorAll(watcher.selector)) {
        if (seen.has(element)) continue;
        seen.add(element);
        queue.push(element);
      }
    }
    return queue.length - before;
  }

  /** Queues the items inside one added element for the watchers whose roots hold it. */
  function collect(scope: Element): number {
    if (scope.localName === OWN_TAG) return 0;
    const home = scope.getRootNode() as ItemRoot;
    let count = 0;
    for (const state of states) if (state.roots.has(home)) count += collectFor(state, scope);
    return count;
  }

  function queued(): number {
    return states.reduce((sum, state) => sum + state.queue.length, 0);
  }

  /** Hands queued elements to their watchers: all now, or slice by slice across frames. */
  function drain(immediate: boolean): void {
    if (immediate) {
      for (const state of states) deliver(state.watcher, state.queue.splice(0), true);
      return;
    }
    slicer.run(() => {
      const state = states.find((s) => s.queue.length > 0);
      if (state) deliver(state.watcher, state.queue.splice(0, STEP), false);
      return queued() > 0;
    });
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

  return {
    /** Starts reporting elements for one watcher, beginning with those already on the page. */
    watch(watcher: Watcher): void {
      if (signal.aborted) return;
      const state: WatcherState = { watcher, roots: new Set(), seen: new WeakSet(), queue: [], retries: 0 };
      states.push(state);
      keyAttributes = [...new Set(states.flatMap((s) => s.watcher.keyAttributes))];
      // Re-observing a node replaces its options: every root learns the new key attributes.
      observe(root);
      for (const s of states) for (const itemRoot of s.roots) if (itemRoot !== root) observe(itemRoot);
      const count = enterRoots(state);
      if (count > 0) drain(count <= IMMEDIATE_LIMIT && !slicer.running);
    },
  };
}
