import type { ItemRef } from '../../contract/common';
import type { SiteAdapterInput } from '../../contract/adapter';
import type { ItemState } from '../messaging/protocol';
import { itemRefKey } from '../items/ref-key';
import { createBadge, glanceOf, type Badge, type BadgeState, type HintEvent } from './badge';
import { registerBadgeHost } from './badge-anchor';
import { createBadgeBoard } from './badge-board';
import { placeBadge } from './badge-placement';
import { badgeVisibility } from './badge-visibility';
import type { Watcher } from './discovery';
import { extractItem, readSource } from './extract';
import type { CardSubject } from './hover-card';
import { createHealthCounter } from './health';
import { createLazyBlocks, type VisibilityObserverFactory } from './lazy-blocks';
import { createLookupBatcher, type RetryTiming } from './lookup-batcher';

export type { VisibilityObserver } from './lazy-blocks';

/** What the decorator needs from the extension; parameters so tests can drive it. */
export interface DecoratorDeps {
  lookup: (items: ItemRef[]) => Promise<{ items: ItemState[]; signedIn: boolean }>;
  openPanel: (ref: ItemRef, fields: Record<string, string>) => void;
  /** The hover card: shows or hides an item's card beside its badge. */
  hint?: (event: HintEvent, anchor: Element, subject: CardSubject) => void;
  url: () => URL;
  /**
   * Takes an element for this adapter's badge; false when another adapter on
   * the page already has it (one badge per item; both still count it for health).
   */
  claim?: (element: Element) => boolean;
  /** Whether lookups carry each item's fields: an open survey may target this adapter's site. */
  withFields?: boolean;
  /** Retry timing; replaced in tests. */
  retry?: RetryTiming;
  /** Calls back when elements come near the viewport; replaced in tests. */
  createVisibilityObserver?: VisibilityObserverFactory;
}

/** One item element this run decorates. */
interface Entry {
  ref: ItemRef;
  key: string;
  badge: Badge | null;
  repairs: number;
}

/** A page that keeps deleting our badge wins after this many re-insertions. */
const MAX_REPAIRS = 3;
/** Badges whose visibility adapter health checks: the first drawn, which are the first in view. */
const VISIBILITY_SAMPLE = 20;
/**
 * How long a new badge waits for its item's answer before it is drawn as
 * "loading". Drawing it once, already answered, halves the layout passes a
 * long list pays per block (measured: 796 to 305 on the 10,000-item page).
 */
const ANSWER_WAIT_MS = 150;

/**
 * Badges for one adapter on one page run. Items in small batches get their
 * badge at once; in large batches (a 10,000-item page) they are drawn a lazy
 * block at a time as they near the viewport. Summaries are asked for when a
 * badge is drawn, and each answer renders every badge of that item.
 * Everything added is removed when `signal` aborts.
 */
export function createDecorator(adapter: SiteAdapterInput, deps: DecoratorDeps, signal: AbortSignal) {
  const entries = new WeakMap<Element, Entry>();
  const board = createBadgeBoard();
  /** Drawn badges kept to check whether a person can see them, when health is reported. */
  const sample: { host: Element; item: Element }[] = [];
  /** Items whose badge waits for their answer, by item key. */
  const waiting = new Map<string, Element[]>();
  let waitTimer: ReturnType<typeof setTimeout> | undefined;
  const health = createHealthCounter(adapter);
  const lookups = createLookupBatcher({
    lookup: deps.lookup,
    onAnswer: (items, signedIn) => show(items, signedIn),
    onError: (refs, message) => showError(refs, message),
    wanted: (key) => board.isOnPage(key) || waiting.has(key),
    signal,
    retry: deps.retry,
  });
  const lazy = createLazyBlocks((block) => {
    const url = deps.url();
    for (const element of block) {
      try {
        if (register(element, url)) drawWhenAnswered(element);
      } catch (error) {
        // One odd element must not cost the rest of its block their badges.
        console.warn('[QA Lens] could not decorate an item', error);
      }
    }
  }, deps.createVisibilityObserver);

  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(waitTimer);
      waiting.clear();
      lazy.disconnect();
      board.clear();
    },
    { once: true },
  );

  function readRef(element: Element, url: URL): ItemRef | null {
    const itemKey = readSource(adapter.item.key, element, url);
    return itemKey === null ? null : { site: adapter.site, itemKey };
  }

  /** Reads an item's key and remembers it; false when the element has no key (or another adapter has it). */
  function register(element: Element, url: URL): boolean {
    if (entries.has(element)) return true;
    const ref = readRef(element, url);
    if (!ref || (deps.claim && !deps.claim(element))) return false;
    entries.set(element, { ref, key: itemRefKey(ref), badge: null, repairs: 0 });
    return true;
  }

  function draw(element: Element): void {
    const entry = entries.get(element);
    if (!entry || entry.badge || signal.aborted) return;
    const fields = () => extractItem(adapter, element, deps.url())?.fields ?? {};
    const hint = deps.hint;
    const badge = createBadge(
      element.ownerDocument,
      () => deps.openPanel(entry.ref, fields()),
      hint && ((event) => hint(event, badge.host, subjectOf(entry, fields))),
    );
    entry.badge = badge;
    attach(entry, badge, element);
    placeBadge(adapter, element, badge.host);
    if (sample.length < VISIBILITY_SAMPLE) sample.push({ host: badge.host, item: element });
  }

  /**
   * Draws the badge at once when its item's answer is known; otherwise asks
   * for it and draws the badge when it comes, or as "loading" after
   * ANSWER_WAIT_MS, so most badges go into the page once, already answered.
   */
  function drawWhenAnswered(element: Element): void {
    const entry = entries.get(element);
    if (!entry || entry.badge || signal.aborted) return;
    const state = board.state(entry.key);
    if (state && state.kind !== 'loading') return draw(element);
    let elements = waiting.get(entry.key);
    if (!elements) {
      waiting.set(entry.key, (elements = []));
      if (!state) {
        board.setState(entry.key, { kind: 'loading' });
        lookups.request(lookupRef(entry, element));
      }
    }
    elements.push(element);
    waitTimer ??= setTimeout(() => {
      waitTimer = undefined;
      const late = [...waiting.values()].flat();
      waiting.clear();
      for (const item of late) draw(item);
    }, ANSWER_WAIT_MS);
  }

  /** Draws the badges that waited for this item's answer, now that it is on the board. */
  function drawWaiting(key: string): void {
    const elements = waiting.get(key);
    if (!elements) return;
    waiting.delete(key);
    for (const element of elements) draw(element);
  }

  /** Shows the item's known state on a badge, or starts loading it. */
  function attach(entry: Entry, badge: Badge, element: Element): void {
    registerBadgeHost(entry.ref, badge.host);
    const state = board.add(entry.key, badge, element);
    if (state) return badge.render(state);
    // Loading is a state too: a second badge of the same item waits for the same answer.
    const loading: BadgeState = { kind: 'loading' };
    board.setState(entry.key, loading);
    badge.render(loading);
    lookups.request(lookupRef(entry, element));
  }

  /** What a lookup sends for an item: its key, with its fields where a survey may target them. */
  function lookupRef(entry: Entry, element: Element): ItemRef & { fields?: Record<string, string> } {
    const fields = deps.withFields ? extractItem(adapter, element, deps.url())?.fields : undefined;
    return fields ? { ...entry.ref, fields } : entry.ref;
  }

  function show(items: ItemState[], signedIn: boolean): void {
    for (const item of items) {
      const key = itemRefKey(item);
      if (item.summary) board.render(key, { kind: 'summary', summary: item.summary });
      else if (!signedIn) board.render(key, { kind: 'signed-out' });
      else continue; // still being fetched: the answer comes as a push
      drawWaiting(key);
    }
  }

  function showError(refs: ItemRef[], message: string): void {
    for (const ref of refs) {
      const key = itemRefKey(ref);
      if (board.state(key)?.kind !== 'summary') board.render(key, { kind: 'error', message }); // keep a cached answer
      drawWaiting(key);
    }
  }

  /** What an item's hover card starts from: its badge's own words. */
  function subjectOf(entry: Entry, fields: () => Record<string, string>): CardSubject {
    const state = board.state(entry.key);
    const glance = state?.kind === 'summary' ? glanceOf(state.summary) : null;
    return { ref: entry.ref, glance: glance?.text ?? '', risk: glance?.risk ?? 'none', fields };
  }

  /** Whether this run asked about the item: it has a badge, or one waiting for its answer. */
  const concerns = (key: string) => board.has(key) || waiting.has(key);

  const watcher: Watcher = {
    selector: adapter.item.selector,
    shadowHosts: adapter.item.shadowHosts ?? [],
    keyAttributes: adapter.item.key.from === 'attribute' && !adapter.item.key.selector ? [adapter.item.key.name] : [],
    found(elements, immediate) {
      const url = deps.url();
      health.add(elements, url);
      if (!immediate) return lazy.add(elements);
      for (const element of elements) if (register(element, url)) drawWhenAnswered(element);
    },
    changed(element) {
      const entry = entries.get(element);
      if (!entry) {
        // Found before it had a key: decorate it now that it has one.
        if (register(element, deps.url())) drawWhenAnswered(element);
        return;
      }
      const ref = readRef(element, deps.url());
      if (!ref || itemRefKey(ref) === entry.key) return;
      if (entry.badge) board.remove(entry.key, entry.badge);
      entry.ref = ref;
      entry.key = itemRefKey(ref);
      if (entry.badge) attach(entry, entry.badge, element);
    },
    removed(element) {
      lazy.removed(element);
    },
    badgeRemoved(host) {
      const element = board.itemOf(host);
      const entry = element && entries.get(element);
      if (!element || !entry?.badge || entry.badge.host !== host || host.isConnected) return;
      if (!element.isConnected) {
        // The item left the page (a virtualised list, a replaced row): let it be collected.
        board.remove(entry.key, entry.badge);
        return;
      }
      if (entry.repairs >= MAX_REPAIRS) return;
      entry.repairs += 1;
      placeBadge(adapter, element, host);
    },
  };

  return {
    watcher,
    /** Renders summaries the background pushed after fetching them. */
    update(items: ItemState[]): void {
      const mine = items.filter((item) => concerns(itemRefKey(item)));
      show(mine, true);
      lookups.settle(mine.map(itemRefKey));
    },
    /** Shows why the background could not fetch these items; asks again later when that can help. */
    fail(items: ItemRef[], code: string, message: string, retry: boolean): void {
      const mine = items.filter((ref) => concerns(itemRefKey(ref)));
      if (code !== 'signed_out') showError(mine, message);
      else
        for (const ref of mine) {
          const key = itemRefKey(ref);
          if (board.state(key)?.kind !== 'summary') board.render(key, { kind: 'signed-out' });
          drawWaiting(key);
        }
      lookups.failed(mine, retry);
    },
    /** The API answers again: ask at once for everything that failed. */
    retryNow(): void {
      lookups.retryNow();
    },
    /** The item (key and fields) a node sits in, for a report about a selection; null outside items. */
    itemAt(node: Node | null): { ref: ItemRef; fields: Record<string, string> } | null {
      const start = node instanceof Element ? node : (node?.parentElement ?? null);
      const element = start?.closest(adapter.item.selector);
      if (!element) return null;
      const item = extractItem(adapter, element, deps.url());
      return item ? { ref: { site: item.site, itemKey: item.itemKey }, fields: item.fields } : null;
    },
    /** This run's adapter health so far, with the sampled badges' visibility checked now. */
    health() {
      const present = sample.splice(0).filter(({ host }) => host.isConnected);
      health.badges(present.map(({ host, item }) => badgeVisibility(host, item)));
      return health.report(deps.url(), new Date());
    },
  };
}
