import type { ItemRef, LookupResult } from '../../contract';
import { ApiError, type ApiClient } from '../api/client';
import type { AppDB, CachedItem } from '../db/app-db';
import type { ItemState, PushMap } from '../messaging/envelope';
import { getCachedItems, putLookupResults, setMeta } from './item-cache';
import { itemRefKey } from './ref-key';
import { errorMessage } from '../error-message';

export interface LookupServiceDeps {
  db: AppDB;
  /** The API client for the signed-in user, or null when signed out. */
  getApi: () => Promise<ApiClient | null>;
  /** Delivers a push message to one tab. */
  push: <K extends keyof PushMap>(tabId: number, type: K, data: PushMap[K]) => void;
  now?: () => number;
  /** Cached items older than this are served, then re-fetched. */
  staleAfterMs?: number;
  /** Items per API request (the API accepts up to 500). */
  batchSize?: number;
  /** How long to gather requests from several frames into one API call. */
  coalesceMs?: number;
}

export type LookupService = ReturnType<typeof createLookupService>;

/**
 * Stale-while-revalidate item lookups: answers from IndexedDB at once, then
 * fetches what is missing or stale from the API in batches and pushes the
 * results to the tabs that asked.
 */
export function createLookupService({
  db,
  getApi,
  push,
  now = Date.now,
  staleAfterMs = 5 * 60_000,
  batchSize = 500,
  coalesceMs = 15,
}: LookupServiceDeps) {
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
        notifyFailure(refs, 'internal', errorMessage(error));
      } finally {
        for (const [key] of batch) inFlight.delete(key);
      }
    }
  }

  async function fetchBatch(refs: ItemRef[]): Promise<void> {
    const started = generation;
    const api = await getApi();
    if (!api) {
      notifyFailure(refs, 'signed_out', 'Sign in to QA Lens to see quality history.');
      return;
    }
    let results: LookupResult[];
    try {
      results = (await api.lookup(refs)).items;
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(String(error), 0, 'unknown');
      await setMeta(db, 'lastError', { at: new Date(now()).toISOString(), message: apiError.message });
      notifyFailure(refs, apiError.code, apiError.message);
      return;
    }
    if (started !== generation) return; // signed in as someone else meanwhile
    await putLookupResults(db, results, now());
    await setMeta(db, 'lastSyncAt', new Date(now()).toISOString());
    await setMeta(db, 'lastError', null);
    const perTab = new Map<number, ItemState[]>();
    for (const result of results) {
      const key = itemRefKey(result);
      for (const tabId of waiters.get(key) ?? []) {
        let list = perTab.get(tabId);
        if (!list) perTab.set(tabId, (list = []));
        list.push({ site: result.site, itemKey: result.itemKey, summary: result.summary, freshness: 'fresh' });
      }
      waiters.delete(key);
    }
    for (const [tabId, items] of perTab) push(tabId, 'itemsUpdated', { items });
  }

  function notifyFailure(refs: ItemRef[], code: string, message: string): void {
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
    for (const [tabId, items] of perTab) push(tabId, 'lookupFailed', { items, code, message });
  }

  function stateOf(ref: ItemRef, cached: CachedItem | undefined): ItemState {
    if (!cached) return { ...ref, summary: null, freshness: 'missing' };
    const fresh = now() - cached.fetchedAt < staleAfterMs;
    return { ...ref, summary: cached.summary, freshness: fresh ? 'fresh' : 'stale' };
  }

  return {
    /** Answers from the cache now and schedules a fetch for what is missing or stale. */
    async lookup(refs: ItemRef[], tabId?: number): Promise<{ items: ItemState[]; signedIn: boolean }> {
      const [cached, api] = await Promise.all([getCachedItems(db, refs), getApi()]);
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
