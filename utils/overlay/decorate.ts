import type { ItemRef } from '../../contract/common';
import type { SiteAdapterInput } from '../../contract/adapter';
import type { ItemState } from '../messaging/envelope';
import { extractItem } from './adapters/extract';
import { createBadge, type Badge, type BadgeState } from './badge';

/** What the decorator needs from the extension; parameters so tests can drive it. */
export interface DecoratorDeps {
  lookup: (items: ItemRef[]) => Promise<{ items: ItemState[]; signedIn: boolean }>;
  openPanel: (ref: ItemRef) => void;
  url: () => URL;
}

const keyOf = (ref: ItemRef) => `${ref.site}\u0000${ref.itemKey}`;
/** Items per message to the background. */
const LOOKUP_CHUNK = 1000;
/** Asks again for items the background has not answered (a stopped service worker). */
const RETRY_AFTER_MS = 8_000;
const MAX_RETRIES = 3;

/**
 * Badges for one adapter's items on one page run: places a badge on each item,
 * asks the background for summaries in batches, and renders what comes back.
 * Everything it added is removed when `signal` aborts.
 */
export function createDecorator(adapter: SiteAdapterInput, deps: DecoratorDeps, signal: AbortSignal) {
  const badges = new Map<string, Set<Badge>>();
  const latest = new Map<string, BadgeState>();
  const unanswered = new Map<string, { ref: ItemRef; tries: number }>();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(retryTimer);
      for (const set of badges.values()) for (const badge of set) badge.host.remove();
      badges.clear();
    },
    { once: true },
  );

  function renderKey(key: string, state: BadgeState): void {
    latest.set(key, state);
    for (const badge of badges.get(key) ?? []) badge.render(state);
  }

  function placeBadge(element: Element, badge: Badge): void {
    const selector = adapter.badge?.selector;
    const anchor = (selector && element.querySelector(selector)) || element;
    switch (adapter.badge?.position ?? 'append') {
      case 'append':
        anchor.append(badge.host);
        break;
      case 'prepend':
        anchor.prepend(badge.host);
        break;
      case 'before':
        anchor.before(badge.host);
        break;
      case 'after':
        anchor.after(badge.host);
        break;
    }
  }

  async function request(refs: ItemRef[]): Promise<void> {
    for (let start = 0; start < refs.length; start += LOOKUP_CHUNK) {
      const chunk = refs.slice(start, start + LOOKUP_CHUNK);
      try {
        const reply = await deps.lookup(chunk);
        if (signal.aborted) return;
        applyStates(reply.items, reply.signedIn);
      } catch (error) {
        if (signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        for (const ref of chunk) renderKey(keyOf(ref), { kind: 'error', message });
      }
    }
  }

  function applyStates(items: ItemState[], signedIn: boolean): void {
    for (const item of items) {
      const key = keyOf(item);
      if (item.summary) renderKey(key, { kind: 'summary', summary: item.summary });
      else if (!signedIn) renderKey(key, { kind: 'signed-out' });
      if (item.freshness === 'fresh' || !signedIn) unanswered.delete(key);
    }
    scheduleRetry();
  }

  function scheduleRetry(): void {
    if (unanswered.size === 0 || retryTimer !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      const again: ItemRef[] = [];
      for (const [key, entry] of unanswered) {
        if (entry.tries >= MAX_RETRIES) {
          unanswered.delete(key);
          if (latest.get(key)?.kind === 'loading') renderKey(key, { kind: 'error', message: 'no answer from QA Lens' });
          continue;
        }
        entry.tries += 1;
        again.push(entry.ref);
      }
      if (again.length > 0) void request(again);
    }, RETRY_AFTER_MS);
  }

  return {
    /** Decorates newly found item elements and asks for their summaries. */
    add(elements: Element[]): void {
      const url = deps.url();
      const toLookup: ItemRef[] = [];
      for (const element of elements) {
        const item = extractItem(adapter, element, url);
        if (!item) continue;
        const ref = { site: item.site, itemKey: item.itemKey };
        const key = keyOf(ref);
        const badge = createBadge(element.ownerDocument, () => deps.openPanel(ref));
        badge.render(latest.get(key) ?? { kind: 'loading' });
        placeBadge(element, badge);
        let set = badges.get(key);
        if (!set) badges.set(key, (set = new Set()));
        set.add(badge);
        if (!unanswered.has(key) && latest.get(key)?.kind !== 'summary') {
          unanswered.set(key, { ref, tries: 0 });
          toLookup.push(ref);
        }
      }
      if (toLookup.length > 0) void request(toLookup);
    },
    /** Renders summaries the background pushed after fetching them. */
    update(items: ItemState[]): void {
      applyStates(
        items.filter((item) => badges.has(keyOf(item))),
        true,
      );
    },
    /** Shows why the background could not fetch these items. */
    fail(items: ItemRef[], code: string, message: string): void {
      for (const ref of items) {
        const key = keyOf(ref);
        if (!badges.has(key)) continue;
        unanswered.delete(key);
        if (latest.get(key)?.kind === 'summary') continue; // keep showing the cached answer
        renderKey(key, code === 'signed_out' ? { kind: 'signed-out' } : { kind: 'error', message });
      }
    },
  };
}
