import type { ItemRef } from '../../contract/common';
import type { SiteAdapterInput } from '../../contract/adapter';
import type { ItemState } from '../messaging/protocol';
import { readSource } from './extract';
import { createBadge, type Badge, type BadgeState } from './badge';
import type { Watcher } from './discovery';
import { createHealthCounter } from './health';
import { itemRefKey } from '../items/ref-key';
import { errorMessage } from '../error-message';
import { LOOKUP_MAX_ITEMS } from '../../contract/limits';
import { createRetryQueue, type RetryQueueOptions } from './retry-queue';

/** What the decorator needs from the extension; parameters so tests can drive it. */
export interface DecoratorDeps {
  lookup: (items: ItemRef[]) => Promise<{ items: ItemState[]; signedIn: boolean }>;
  openPanel: (ref: ItemRef) => void;
  url: () => URL;
  /**
   * Takes an element for this adapter's badge; false when another adapter on
   * the page already has it (one badge per item; both still count it for health).
   */
  claim?: (element: Element) => boolean;
  /** Retry timing; replaced in tests. */
  retry?: Partial<Pick<RetryQueueOptions<ItemRef>, 'baseMs' | 'capMs' | 'random' | 'setTimer' | 'clearTimer'>>;
  /** Calls back when elements come near the viewport; replaced in tests. */
  createVisibilityObserver?: (onVisible: (elements: Element[]) => void) => {
    observe(el: Element): void;
    unobserve(el: Element): void;
    disconnect(): void;
  };
}

/** The part of IntersectionObserver the decorator uses. */
export interface VisibilityObserver {
  observe(element: Element): void;
  unobserve(element: Element): void;
  disconnect(): void;
}

interface Entry {
  ref: ItemRef;
  key: string;
  badge: Badge | null;
  repairs: number;
}

/** A page that keeps deleting our badge wins after this many re-insertions. */
const MAX_REPAIRS = 3;
/**
 * Lazily decorated items are drawn a block at a time. Only a block's first and
 * last item are watched for visibility: 10,000 items cost 800 observations,
 * not 10,000, and no key is read until its block nears the viewport.
 */
const BLOCK = 25;

function defaultVisibilityObserver(onVisible: (elements: Element[]) => void) {
  const observer = new IntersectionObserver(
    (entries) => onVisible(entries.filter((e) => e.isIntersecting).map((e) => e.target)),
    // Draw a screen ahead so scrolling rarely shows a badge appear.
    { rootMargin: '800px 0px 800px 0px' },
  );
  return observer;
}

/**
 * Badges for one adapter on one page run. Items in small batches get their
 * badge at once; in large batches (a 10,000-item page) only the key is read
 * and the badge is drawn when the item nears the viewport. Summaries are asked
 * for only when a badge is drawn, and each answer renders every badge of that
 * item. Everything added is removed when `signal` aborts.
 */
export function createDecorator(adapter: SiteAdapterInput, deps: DecoratorDeps, signal: AbortSignal) {
  const entries = new WeakMap<Element, Entry>();
  const itemOfBadge = new WeakMap<Element, Element>();
  const badges = new Map<string, Set<Badge>>();
  const states = new Map<string, BadgeState>();
  const pending = new Map<string, ItemRef>();
  const health = createHealthCounter(adapter);
  let lookupScheduled = false;
  const retries = createRetryQueue<ItemRef>({
    keyOf: itemRefKey,
    send: (refs) => void send(refs),
    wanted: (key) => [...(badges.get(key) ?? [])].some((badge) => badge.host.isConnected),
    ...deps.retry,
  });

  const blocks = new WeakMap<Element, Element[]>();
  const visibility = (deps.createVisibilityObserver ?? defaultVisibilityObserver)((anchors) => {
    const url = deps.url();
    for (const anchor of anchors) {
      const block = blocks.get(anchor);
      if (!block) continue;
      const first = block[0]!;
      const last = block[block.length - 1]!;
      blocks.delete(first);
      blocks.delete(last);
      visibility.unobserve(first);
      visibility.unobserve(last);
      for (const element of block) {
        try {
          if (register(element, url)) draw(element);
        } catch (error) {
          // One odd element must not cost the rest of its block their badges.
          console.warn('[QA Lens] could not decorate an item', error);
        }
      }
    }
  });

  /** Watches a lazy block through its first and last element. */
  function watchBlock(block: Element[]): void {
    const first = block[0]!;
    const last = block[block.length - 1]!;
    blocks.set(first, block);
    blocks.set(last, block);
    visibility.observe(first);
    if (last !== first) visibility.observe(last);
  }

  /** Reads an item's key and remembers it; false when the element has no key. */
  function register(element: Element, url: URL): boolean {
    if (entries.has(element)) return true;
    const ref = readRef(element, url);
    if (!ref || (deps.claim && !deps.claim(element))) return false;
    entries.set(element, { ref, key: itemRefKey(ref), badge: null, repairs: 0 });
    return true;
  }

  signal.addEventListener(
    'abort',
    () => {
      retries.clear();
      visibility.disconnect();
      for (const set of badges.values()) for (const badge of set) badge.host.remove();
      badges.clear();
    },
    { once: true },
  );

  function readRef(element: Element, url: URL): ItemRef | null {
    const itemKey = readSource(adapter.item.key, element, url);
    return itemKey === null ? null : { site: adapter.site, itemKey };
  }

  function renderKey(key: string, state: BadgeState): void {
    states.set(key, state);
    const set = badges.get(key);
    if (!set) return;
    for (const badge of set) {
      if (badge.host.isConnected) badge.render(state);
      else if (!itemOfBadge.get(badge.host)?.isConnected) set.delete(badge); // its item left the page
    }
  }

  function place(element: Element, host: Element): void {
    const selector = adapter.badge?.selector;
    const anchor = (selector && element.querySelector(selector)) || element;
    switch (adapter.badge?.position ?? 'append') {
      case 'append':
        anchor.append(host);
        break;
      case 'prepend':
        anchor.prepend(host);
        break;
      case 'before':
        anchor.before(host);
        break;
      case 'after':
        anchor.after(host);
        break;
    }
  }

  function draw(element: Element): void {
    const entry = entries.get(element);
    if (!entry || entry.badge || signal.aborted) return;
    const badge = createBadge(element.ownerDocument, () => deps.openPanel(entry.ref));
    entry.badge = badge;
    itemOfBadge.set(badge.host, element);
    attach(entry, badge);
    place(element, badge.host);
  }

  function attach(entry: Entry, badge: Badge): void {
    let set = badges.get(entry.key);
    if (!set) badges.set(entry.key, (set = new Set()));
    set.add(badge);
    const state = states.get(entry.key);
    if (state) return badge.render(state);
    // Loading is a state too: a second badge of the same item waits for the same answer.
    const loading: BadgeState = { kind: 'loading' };
    states.set(entry.key, loading);
    badge.render(loading);
    request(entry.ref);
  }

  function request(ref: ItemRef): void {
    const key = itemRefKey(ref);
    if (pending.has(key)) return;
    pending.set(key, ref);
    if (lookupScheduled) return;
    lookupScheduled = true;
    queueMicrotask(() => {
      lookupScheduled = false;
      const refs = [...pending.values()];
      pending.clear();
      void send(refs);
    });
  }

  async function send(refs: ItemRef[]): Promise<void> {
    for (let start = 0; start < refs.length; start += LOOKUP_MAX_ITEMS) {
      const chunk = refs.slice(start, start + LOOKUP_MAX_ITEMS);
      try {
        const reply = await deps.lookup(chunk);
        if (signal.aborted) return;
        apply(reply.items, reply.signedIn);
      } catch (error) {
        if (signal.aborted) return;
        const message = errorMessage(error);
        for (const ref of chunk) {
          if (states.get(itemRefKey(ref))?.kind !== 'summary') renderKey(itemRefKey(ref), { kind: 'error', message });
        }
        retries.add(chunk); // a restarting service worker answers the next try
      }
    }
  }

  function apply(items: ItemState[], signedIn: boolean): void {
    const settled: string[] = [];
    const unanswered: ItemRef[] = [];
    for (const item of items) {
      const key = itemRefKey(item);
      if (item.summary) renderKey(key, { kind: 'summary', summary: item.summary });
      else if (!signedIn) renderKey(key, { kind: 'signed-out' });
      // A stale or missing item is being fetched: its answer comes as a push, or it is asked for again.
      if (item.freshness === 'fresh' || !signedIn) settled.push(key);
      else unanswered.push({ site: item.site, itemKey: item.itemKey });
    }
    retries.settle(settled);
    if (unanswered.length > 0) retries.add(unanswered, { patient: true });
  }

  const watcher: Watcher = {
    selector: adapter.item.selector,
    keyAttributes: adapter.item.key.from === 'attribute' && !adapter.item.key.selector ? [adapter.item.key.name] : [],
    found(elements, immediate) {
      const url = deps.url();
      health.add(elements, url);
      if (immediate) {
        for (const element of elements) if (register(element, url)) draw(element);
        return;
      }
      for (let start = 0; start < elements.length; start += BLOCK) watchBlock(elements.slice(start, start + BLOCK));
    },
    changed(element) {
      const entry = entries.get(element);
      if (!entry) {
        // Found before it had a key: decorate it now that it has one.
        if (register(element, deps.url())) draw(element);
        return;
      }
      const ref = readRef(element, deps.url());
      if (!ref || itemRefKey(ref) === entry.key) return;
      if (entry.badge) badges.get(entry.key)?.delete(entry.badge);
      entry.ref = ref;
      entry.key = itemRefKey(ref);
      if (entry.badge) attach(entry, entry.badge);
    },
    removed(element) {
      // A lazy block watched through this element would never be drawn: watch its remaining ends instead.
      const block = blocks.get(element);
      if (!block) return;
      blocks.delete(block[0]!);
      blocks.delete(block[block.length - 1]!);
      visibility.unobserve(element);
      const rest = block.filter((item) => item !== element && item.isConnected);
      if (rest.length > 0) watchBlock(rest);
    },
    badgeRemoved(host) {
      const element = itemOfBadge.get(host);
      const entry = element && entries.get(element);
      if (!element || !entry || entry.badge?.host !== host || host.isConnected) return;
      if (!element.isConnected) {
        // The item left the page (a virtualised list, a replaced row): let it be collected.
        badges.get(entry.key)?.delete(entry.badge);
        return;
      }
      if (entry.repairs >= MAX_REPAIRS) return;
      entry.repairs += 1;
      place(element, host);
    },
  };

  return {
    watcher,
    /** Renders summaries the background pushed after fetching them. */
    update(items: ItemState[]): void {
      apply(
        items.filter((item) => badges.has(itemRefKey(item))),
        true,
      );
    },
    /** Shows why the background could not fetch these items; asks again later when that can help. */
    fail(items: ItemRef[], code: string, message: string, retry: boolean): void {
      const mine = items.filter((ref) => badges.has(itemRefKey(ref)));
      for (const ref of mine) {
        const key = itemRefKey(ref);
        if (states.get(key)?.kind === 'summary') continue; // keep showing the cached answer
        renderKey(key, code === 'signed_out' ? { kind: 'signed-out' } : { kind: 'error', message });
      }
      if (retry) retries.add(mine);
      else retries.settle(mine.map(itemRefKey));
    },
    /** The API answers again: ask at once for everything that failed. */
    retryNow(): void {
      retries.retryNow();
    },
    /** This run's adapter health so far. */
    health: () => health.report(deps.url(), new Date()),
  };
}
