import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptySummary, LOOKUP_MAX_ITEMS, type ItemRef, type LookupResponse } from '../../contract';
import { ApiError, type ApiClient } from '../../utils/api/client';
import { AppDB } from '../../utils/db/app-db';
import { getMeta, putLookupResults } from '../../utils/items/item-cache';
import { createLookupService } from '../../utils/items/lookup-service';
import type { TabMessage } from '../../utils/messaging/protocol';

const ref = (n: number): ItemRef => ({ site: 'demo-moderation', itemKey: `VID-${String(n).padStart(5, '0')}` });

function fakeApi(onLookup: (items: ItemRef[]) => LookupResponse | Promise<LookupResponse>) {
  const calls: ItemRef[][] = [];
  const api = {
    lookup: async (items: ItemRef[]) => {
      calls.push(items);
      return onLookup(items);
    },
  } as unknown as ApiClient;
  return { api, calls };
}

const answer = (items: ItemRef[], audits = 3): LookupResponse => ({
  fetchedAt: new Date().toISOString(),
  items: items.map((item) => ({ ...item, summary: { ...emptySummary(item), audits } })),
});

describe('lookup service (stale-while-revalidate)', () => {
  let db: AppDB;
  let pushes: { tabId: number; type: TabMessage; data: unknown }[];
  const push = (tabId: number, type: TabMessage, data: unknown) => void pushes.push({ tabId, type, data });

  beforeEach(() => {
    db = new AppDB(`test-${Math.random()}`);
    pushes = [];
  });
  afterEach(async () => {
    await db.delete();
  });

  it('answers missing items at once, then fetches them in batches and pushes to the asking tab', async () => {
    const { api, calls } = fakeApi((items) => answer(items));
    const service = createLookupService({ db, getApi: async () => api, push });
    const refs = Array.from({ length: 1200 }, (_, i) => ref(i));

    const reply = await service.lookup(refs, 7);
    expect(reply.signedIn).toBe(true);
    expect(reply.items.every((item) => item.summary === null && item.freshness === 'missing')).toBe(true);

    await service.idle();
    expect(calls.map((c) => c.length)).toEqual([500, 500, 200]);
    const updated = pushes.filter((p) => p.type === 'itemsUpdated' && p.tabId === 7);
    expect(updated.flatMap((p) => (p.data as { items: unknown[] }).items)).toHaveLength(1200);
    expect(await db.items.count()).toBe(1200);
    expect(await getMeta(db, 'lastSyncAt')).toEqual(expect.any(String));
  });

  it('serves fresh cached items without calling the API', async () => {
    const { api, calls } = fakeApi((items) => answer(items));
    const now = 1_000_000;
    await putLookupResults(db, answer([ref(1)], 9).items, now);
    const service = createLookupService({ db, getApi: async () => api, push, now: () => now + 1000 });

    const reply = await service.lookup([ref(1)], 1);
    await service.idle();
    expect(reply.items[0]).toMatchObject({ freshness: 'fresh', summary: { audits: 9 } });
    expect(calls).toHaveLength(0);
  });

  it('serves stale items at once and revalidates them', async () => {
    const { api, calls } = fakeApi((items) => answer(items, 4));
    await putLookupResults(db, answer([ref(1)], 2).items, 0);
    const service = createLookupService({ db, getApi: async () => api, push, now: () => 10 * 60_000 });

    const reply = await service.lookup([ref(1)], 3);
    expect(reply.items[0]).toMatchObject({ freshness: 'stale', summary: { audits: 2 } });
    await service.idle();
    expect(calls).toHaveLength(1);
    expect((await db.items.get([ref(1).site, ref(1).itemKey]))?.summary.audits).toBe(4);
  });

  it('asks the API once when two tabs want the same item at the same time', async () => {
    const { api, calls } = fakeApi((items) => answer(items));
    const service = createLookupService({ db, getApi: async () => api, push });
    await Promise.all([service.lookup([ref(1)], 1), service.lookup([ref(1)], 2)]);
    await service.idle();
    expect(calls).toHaveLength(1);
    expect(pushes.map((p) => p.tabId).sort()).toEqual([1, 2]);
  });

  it('tells the page it is signed out and does not fetch', async () => {
    const service = createLookupService({ db, getApi: async () => null, push });
    const reply = await service.lookup([ref(1)], 1);
    await service.idle();
    expect(reply.signedIn).toBe(false);
    expect(pushes).toHaveLength(0);
  });

  it('pushes the reason when the API fails, says a retry can help, records it, and keeps nothing', async () => {
    const { api } = fakeApi(() => {
      throw new ApiError('Cannot reach the QA Lens API', 0, 'unreachable');
    });
    const outcomes: (ApiError | null)[] = [];
    const service = createLookupService({ db, getApi: async () => api, push, onApiResult: (e) => outcomes.push(e) });
    await service.lookup([ref(1), ref(2)], 5);
    await service.idle();
    expect(pushes).toEqual([
      {
        tabId: 5,
        type: 'lookupFailed',
        data: { items: [ref(1), ref(2)], code: 'unreachable', message: 'Cannot reach the QA Lens API', retry: true },
      },
    ]);
    expect(outcomes.map((e) => e?.code)).toEqual(['unreachable']);
    expect(await db.items.count()).toBe(0);
    expect(await getMeta(db, 'lastError')).toMatchObject({ message: 'Cannot reach the QA Lens API' });
  });

  it('says a refused request is not worth retrying', async () => {
    const { api } = fakeApi(() => {
      throw new ApiError('token expired', 401, 'unauthorized');
    });
    const service = createLookupService({ db, getApi: async () => api, push });
    await service.lookup([ref(1)], 5);
    await service.idle();
    expect(pushes).toEqual([
      expect.objectContaining({ type: 'lookupFailed', data: expect.objectContaining({ retry: false }) }),
    ]);
  });

  it('batches by the one limit the API takes', async () => {
    const { api, calls } = fakeApi((items) => answer(items));
    const service = createLookupService({ db, getApi: async () => api, push });
    await service.lookup(
      Array.from({ length: LOOKUP_MAX_ITEMS + 1 }, (_, i) => ref(i)),
      1,
    );
    await service.idle();
    expect(calls.map((c) => c.length)).toEqual([LOOKUP_MAX_ITEMS, 1]);
  });

  it('answers a summary it fetched from memory, without reading IndexedDB again', async () => {
    const { api } = fakeApi((items) => answer(items));
    const service = createLookupService({ db, getApi: async () => api, push });
    await service.lookup([ref(1)], 1);
    await service.idle();
    const reads = vi.spyOn(db.items, 'bulkGet');
    const reply = await service.lookup([ref(1)], 1);
    expect(reply.items[0]).toMatchObject({ freshness: 'fresh', summary: { audits: 3 } });
    expect(reads).not.toHaveBeenCalled();
    service.reset(); // another user: memory is forgotten with the rest
    await service.lookup([ref(1)], 1);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('keeps the IndexedDB cache bounded, evicting the least recently fetched items', async () => {
    const { api } = fakeApi((items) => answer(items));
    let clock = 1_000;
    const service = createLookupService({
      db,
      getApi: async () => api,
      push,
      now: () => clock,
      maxCachedItems: 100,
    });
    for (let batch = 0; batch < 3; batch++) {
      clock += 1_000;
      await service.lookup(
        Array.from({ length: 60 }, (_, i) => ref(batch * 60 + i)),
        1,
      );
      await service.idle();
    }
    // 180 items fetched in three rounds; the bound keeps the newest 100.
    expect(await db.items.count()).toBe(100);
    expect(await db.items.get([ref(0).site, ref(0).itemKey])).toBeUndefined();
    expect(await db.items.get([ref(179).site, ref(179).itemKey])).toBeDefined();
    const oldestKept = await db.items.orderBy('fetchedAt').first();
    expect(oldestKept?.fetchedAt).toBe(3_000);
  });
});

describe('lookup service reset', () => {
  it('drops an answer fetched for the previous user', async () => {
    const db = new AppDB(`reset-${Math.random()}`);
    let release: (value: LookupResponse) => void = () => undefined;
    const api = {
      lookup: (items: ItemRef[]) =>
        new Promise<LookupResponse>((resolve) => {
          release = () =>
            resolve({
              fetchedAt: new Date().toISOString(),
              items: items.map((i) => ({ ...i, summary: emptySummary(i) })),
            });
        }),
    } as unknown as ApiClient;
    const service = createLookupService({ db, getApi: async () => api, push: () => undefined, coalesceMs: 1 });
    await service.lookup([{ site: 'demo-moderation', itemKey: 'VID-1' }], 1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    service.reset(); // signed in as someone else while the request was in flight
    release({} as LookupResponse);
    await service.idle();
    expect(await db.items.count()).toBe(0);
    await db.delete();
  });
});
