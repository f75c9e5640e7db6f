import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptySummary, type ItemRef, type LookupResponse } from '../../contract';
import { ApiError, type ApiClient } from '../../utils/api/client';
import { AppDB } from '../../utils/db/app-db';
import { getMeta, putLookupResults } from '../../utils/items/item-cache';
import { createLookupService } from '../../utils/items/lookup-service';
import type { PushMap } from '../../utils/messaging/envelope';

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
  items: items.map((item) => ({ ...item, summary: { ...emptySummary(item), audits }, events: [] })),
});

describe('lookup service (stale-while-revalidate)', () => {
  let db: AppDB;
  let pushes: { tabId: number; type: keyof PushMap; data: unknown }[];
  const push = <K extends keyof PushMap>(tabId: number, type: K, data: PushMap[K]) =>
    pushes.push({ tabId, type, data });

  beforeEach(() => {
    db = new AppDB(`test-${Math.random()}`);
    pushes = [];
  });
  afterEach(async () => {
    await db.delete();
  });

  it('answers missing items at once, then fetches them in batches of 500 and pushes to the asking tab', async () => {
    const { api, calls } = fakeApi((items) => answer(items));
    const service = createLookupService({ db, getApi: async () => api, push });
    const refs = Array.from({ length: 1200 }, (_, i) => ref(i));

    const reply = await service.lookup(refs, 7);
    expect(reply.signedIn).toBe(true);
    expect(reply.items.every((item) => item.summary === null && item.freshness === 'missing')).toBe(true);

    await service.idle();
    expect(calls.map((c) => c.length)).toEqual([500, 500, 200]);
    const updated = pushes.filter((p) => p.type === 'itemsUpdated' && p.tabId === 7);
    expect(updated.flatMap((p) => (p.data as PushMap['itemsUpdated']).items)).toHaveLength(1200);
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

  it('pushes the reason when the API fails, records it, and keeps nothing half-written', async () => {
    const { api } = fakeApi(() => {
      throw new ApiError('Cannot reach the QA Lens API', 0, 'unreachable');
    });
    const service = createLookupService({ db, getApi: async () => api, push });
    await service.lookup([ref(1), ref(2)], 5);
    await service.idle();
    expect(pushes).toEqual([
      {
        tabId: 5,
        type: 'lookupFailed',
        data: { items: [ref(1), ref(2)], code: 'unreachable', message: 'Cannot reach the QA Lens API' },
      },
    ]);
    expect(await db.items.count()).toBe(0);
    expect(await getMeta(db, 'lastError')).toMatchObject({ message: 'Cannot reach the QA Lens API' });
  });
});
