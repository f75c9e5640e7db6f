import type { ItemRef } from '../../contract';
import { ApiError, type ApiClient } from '../api/client';
import type { AppDB, CachedItemEvents } from '../db/app-db';
import type { ItemEventsState } from '../messaging/protocol';
import { freshnessOf } from './freshness';
import { evictOldest, setMeta } from './item-cache';
import { itemRefKey } from './ref-key';

/** Events per page: a panel's first screen and a bit more. */
export const EVENTS_PAGE_SIZE = 50;
/** Items whose events are kept: those a person opened recently. */
export const MAX_ITEMS_WITH_EVENTS = 500;

export interface ItemEventsServiceDeps {
  db: AppDB;
  getApi: () => Promise<ApiClient | null>;
  onApiResult?: (error: ApiError | null) => void;
  now?: () => number;
  ttlMs?: number;
  pageSize?: number;
  maxItems?: number;
}

export interface LoadOptions {
  /** Append the next older page. */
  more?: boolean;
  /** Fetch the newest page even when the cached one is fresh. */
  force?: boolean;
}

export type ItemEventsService = ReturnType<typeof createItemEventsService>;

/**
 * An item's events, on demand: only for the item whose panel (or hover card)
 * opens, a page at a time, cached in IndexedDB under the same
 * stale-while-revalidate rule as summaries. A fresh cache is answered without
 * the network; when the API fails, what is cached is answered as stale.
 */
export function createItemEventsService({
  db,
  getApi,
  onApiResult = () => undefined,
  now = Date.now,
  ttlMs,
  pageSize = EVENTS_PAGE_SIZE,
  maxItems = MAX_ITEMS_WITH_EVENTS,
}: ItemEventsServiceDeps) {
  /** One load per item at a time: a double click must not fetch (or append) twice. */
  const inFlight = new Map<string, Promise<ItemEventsState>>();

  const toState = (row: CachedItemEvents): ItemEventsState => ({
    site: row.site,
    itemKey: row.itemKey,
    events: row.events,
    hasMore: row.nextCursor !== null,
    freshness: freshnessOf(row.fetchedAt, now(), ttlMs),
  });

  async function fetchPage(api: ApiClient, ref: ItemRef, cursor?: string) {
    try {
      const page = await api.events({ site: ref.site, itemKey: ref.itemKey, limit: pageSize, cursor });
      onApiResult(null);
      return page;
    } catch (error) {
      if (error instanceof ApiError) {
        onApiResult(error);
        await setMeta(db, 'lastError', { at: new Date(now()).toISOString(), message: error.message });
      }
      throw error;
    }
  }

  async function loadOnce(ref: ItemRef, { more = false, force = false }: LoadOptions): Promise<ItemEventsState> {
    const cached = await db.itemEvents.get([ref.site, ref.itemKey]);
    if (cached && !more && !force && freshnessOf(cached.fetchedAt, now(), ttlMs) === 'fresh') return toState(cached);
    if (cached && more && cached.nextCursor === null) return toState(cached);
    const api = await getApi();
    if (!api) {
      if (cached) return toState(cached);
      throw new Error('Sign in to QA Lens to see quality history.');
    }
    let row: CachedItemEvents;
    try {
      if (more && cached) {
        const page = await fetchPage(api, ref, cached.nextCursor ?? undefined);
        const known = new Set(cached.events.map((event) => event.id));
        row = {
          ...cached,
          events: [...cached.events, ...page.events.filter((event) => !known.has(event.id))],
          nextCursor: page.nextCursor,
        };
      } else {
        const page = await fetchPage(api, ref);
        row = {
          site: ref.site,
          itemKey: ref.itemKey,
          events: page.events,
          nextCursor: page.nextCursor,
          fetchedAt: now(),
        };
      }
    } catch (error) {
      // Offline or the API is away: what was cached is still the best answer.
      if (cached) return { ...toState(cached), freshness: 'stale' };
      throw error;
    }
    await db.transaction('rw', db.itemEvents, async () => {
      await db.itemEvents.put(row);
      await evictOldest(db.itemEvents, maxItems);
    });
    return toState(row);
  }

  return {
    /** The item's events: cached when fresh, else fetched; `more` appends the next older page. */
    load(ref: ItemRef, options: LoadOptions = {}): Promise<ItemEventsState> {
      const key = itemRefKey(ref);
      const running = inFlight.get(key);
      if (running) return running;
      const load = loadOnce(ref, options).finally(() => inFlight.delete(key));
      inFlight.set(key, load);
      return load;
    },
  };
}
