import { LOOKUP_MAX_ITEMS, type ItemRef, type LookupResult } from '../../contract';
import { ApiError, type ApiClient } from '../api/client';
import type { AppDB, CachedItem } from '../db/app-db';
import { errorMessage } from '../error-message';
import type { ItemState, TabDataOf, TabMessage } from '../messaging/protocol';
import { freshnessOf } from './freshness';
import { getCachedItems, putLookupResults, setMeta } from './item-cache';
import { itemRefKey } from './ref-key';

export interface LookupServiceDeps {
  db: AppDB;
  /** The API client for the signed-in user, or null when signed out. */
  getApi: () => Promise<ApiClient | null>;
  /** Delivers a message to one tab. */
  push: <K extends TabMessage>(tabId: number, type: K, data: TabDataOf<K>) => void;
  /** Told about every API outcome, so the background notices when the API is back. */
  onApiResult?: (error: ApiError | null) => void;
  now?: () => number;
  /** Cached items older than this are served, then re-fetched. */
  ttlMs?: number;
  /** Items per API request. */
  batchSize?: number;
  /** How long to gather requests from several frames into one API call. */
  coalesceMs?: number;
  /** Summaries kept in IndexedDB. */
  maxCachedItems?: number;
  /** Summaries also kept in memory, so a block of badges seldom waits on IndexedDB. */
  maxInMemory?: number;
}

export type LookupService = ReturnType<typeof createLookupService>;

/** Whether asking again later can help: the API was away or overloaded, not refusing the request. */
export function isRetryable(error: ApiError): boolean {
  return error.status === 0 || error.status === 429 || error.status >= 500 || error.code === 'bad_reply';
}

/** Per tab, the items of `refs` it waits for; the waits are consumed. */
function takeWaiters(waiters: Map<string, Set<number>>, refs: ItemRef[]): Map<number, ItemRef[]> {
  const perTab = new Map<number, ItemRef[]>();
  for (const ref of refs) {
    const key = itemRefKey(ref);
    for (const tabId of waiters.get(key) ?? []) {
      let list = perTab.get(tabId);
      if (!list) perTab.set(tabId, (list = []));
      list.push(ref);
    }
    waiters.delete(key);
  }
  return perTab;
}

/**
 * Stale-while-revalidate summary lookups: answers from IndexedDB at once, then
 * fetches what is missing or stale from the API in batches and pushes the
 * results (or the failure, saying whether a retry can help) to the tabs that asked.
 */
export function createLookupService({
  db,
  getApi,
  push,
  onApiResult = () => undefined,
  now = Date.now,
  ttlMs,
  batchSize = LOOKUP_MAX_ITEMS,
  coalesceMs = 15,
  maxCachedItems,
  maxInMemory = 10_000,
}: LookupServiceDeps) {
  /** The newest summaries this worker read or fetched; what IndexedDB holds, minus its disk round trip. */
  const memory = new Map<string, CachedItem>();
  function remember(items: readonly CachedItem[]): void {
    for (const item of items) {
      const key = itemRefKey(item);
      memory.delete(key); // re-inserted last: Map order is the eviction order
      memory.set(key, item);
    }
    for (const key of memory.keys()) {
      if (memory.size <= maxInMemory) break;
      memory.delete(key);
    }
  }
  /** Cached summaries in request order: from memory, the rest from IndexedDB in one read. */
  async function cachedItems(refs: ItemRef[]): Promise<(CachedItem | undefined)[]> {
    const found = refs.map((ref) => memory.get(itemRefKey(ref)));
    const misses = refs.filter((_, i) => found[i] === undefined);
    if (misses.length === 0) return found;
    const read = await getCachedItems(db, misses);
    remember(read.filter((item): item is CachedItem => item !== undefined));
    let next = 0;
    return found.map((item) => item ?? read[next++]);
  }
  /** Bumped by reset(): a fetch started for the previous user must not write its answer. */
  let generation = 0;
  const queued = new Map<string, ItemRef>();
  const inFlight = new Set<string>();
  const waiters = new Map<string, Set<number>>();
  let draining: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function enqueue(refs: ItemRef[], tabId: number | undefined): void {
    for (const ref of refs) {
      const key = itemRefKey(ref);
      if (tabId !== undefined) {
        let tabs = waiters.get(key);
        if (!tabs) waiters.set(key, (tabs = new Set()));
        tabs.add(tabId);
      }
      if (!inFlight.has(key)) queued.set(key, ref);
    }
    timer ??= setTimeout(() => {
      timer = null;
      draining ??= drain().finally(() => (draining = null));
    }, coalesceMs);
  }

  async function drain(): Promise<void> {
    while (queued.size > 0) {
      const batch = [...queued.entries()].slice(0, batchSize);
      for (const [key] of batch) {
        queued.delete(key);
        inFlight.add(key);
      }
      const refs = batch.map(([, ref]) => ref);
      try {
        await fetchBatch(refs);
      } catch (error) {
        // Storage or settings failed, not the API: tell the tabs rather than leave them waiting.
        notifyFailure(refs, 'internal', errorMessage(error), true);
      } finally {
        for (const [key] of batch) inFlight.delete(key);
      }
    }
  }

  async function fetchBatch(refs: ItemRef[]): Promise<void> {
    const started = generation;
    const api = await getApi();
    if (!api) {
      notifyFailure(refs, 'signed_out', 'Sign in to QA Lens to see quality history.', false);
      return;
    }
    let results: LookupResult[];
    try {
      results = (await api.lookup(refs)).items;
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(String(error), 0, 'unknown');
      onApiResult(apiError);
      await setMeta(db, 'lastError', { at: new Date(now()).toISOString(), message: apiError.message });
      notifyFailure(refs, apiError.code, apiError.message, isRetryable(apiError));
      return;
    }
    onApiResult(null);
    if (started !== generation) return; // signed in as someone else meanwhile
    const fetchedAt = now();
    await putLookupResults(db, results, fetchedAt, maxCachedItems);
    remember(results.map(({ site, itemKey, summary }) => ({ site, itemKey, summary, fetchedAt })));
    await setMeta(db, 'lastSyncAt', new Date(now()).toISOString());
    await setMeta(db, 'lastError', null);
    const byKey = new Map(results.map((result) => [itemRefKey(result), result]));
    for (const [tabId, refsOfTab] of takeWaiters(waiters, results)) {
      const items = refsOfTab.map((ref): ItemState => {
        const result = byKey.get(itemRefKey(ref))!;
        return { site: result.site, itemKey: result.itemKey, summary: result.summary, freshness: 'fresh' };
      });
      push(tabId, 'itemsUpdated', { items });
    }
  }

  function notifyFailure(refs: ItemRef[], code: string, message: string, retry: boolean): void {
    for (const [tabId, items] of takeWaiters(waiters, refs))
      push(tabId, 'lookupFailed', { items, code, message, retry });
  }

  function stateOf(ref: ItemRef, cached: CachedItem | undefined): ItemState {
    const freshness = freshnessOf(cached?.fetchedAt, now(), ttlMs);
    return { ...ref, summary: cached?.summary ?? null, freshness };
  }

  return {
    /** Answers from the cache now and schedules a fetch for what is missing or stale. */
    async lookup(refs: ItemRef[], tabId?: number): Promise<{ items: ItemState[]; signedIn: boolean }> {
      const [cached, api] = await Promise.all([cachedItems(refs), getApi()]);
      const items = refs.map((ref, i) => stateOf(ref, cached[i]));
      if (api)
        enqueue(
          refs.filter((_, i) => items[i]!.freshness !== 'fresh'),
          tabId,
        );
      return { items, signedIn: api !== null };
    },
    /** Fetches these items again whatever their age. */
    async refresh(refs: ItemRef[], tabId?: number): Promise<void> {
      enqueue(refs, tabId);
    },
    /** Forgets queued work and ignores fetches in flight: the signed-in user changed. */
    reset(): void {
      generation += 1;
      memory.clear();
      queued.clear();
      waiters.clear();
    },
    /** Resolves once every queued fetch has finished (tests, shutdown). */
    async idle(): Promise<void> {
      while (timer !== null || draining !== null) {
        await (draining ?? new Promise((resolve) => setTimeout(resolve, coalesceMs + 1)));
      }
    },
  };
}
