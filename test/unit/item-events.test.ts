import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemEventsQuery, ItemEventsResponse, QualityEvent } from '../../contract';
import { ApiError, type ApiClient } from '../../utils/api/client';
import { AppDB } from '../../utils/db/app-db';
import { createItemEventsService } from '../../utils/items/item-events';

const ref = { site: 'demo-moderation', itemKey: 'VID-00001' };

function event(n: number): QualityEvent {
  return {
    id: `ev-${n}`,
    kind: 'qa_audit',
    site: ref.site,
    itemKey: ref.itemKey,
    queue: 'videos',
    policy: 'spam',
    decision: 'remove',
    verdict: 'correct',
    correctedDecision: null,
    actor: null,
    auditor: null,
    occurredAt: new Date(Date.UTC(2026, 0, 1) - n * 60_000).toISOString(),
    guidelineVersion: null,
    note: null,
  };
}

/** A server holding `total` events for the item, paged by index cursors. */
function fakeServer(total: number) {
  const calls: ItemEventsQuery[] = [];
  let failing: ApiError | null = null;
  const api = {
    events: async (query: ItemEventsQuery): Promise<ItemEventsResponse> => {
      calls.push(query);
      if (failing) throw failing;
      const start = query.cursor ? Number(query.cursor.slice(1)) : 0;
      const end = Math.min(total, start + Number(query.limit ?? 50));
      return {
        ...ref,
        events: Array.from({ length: end - start }, (_, i) => event(start + i)),
        nextCursor: end < total ? `c${end}` : null,
      };
    },
  } as unknown as ApiClient;
  return { api, calls, fail: (error: ApiError | null) => (failing = error) };
}

describe('item events on demand', () => {
  let db: AppDB;
  beforeEach(() => {
    db = new AppDB(`events-${Math.random()}`);
  });
  afterEach(async () => {
    await db.delete();
  });

  it('pages events in, newest first, and serves a fresh copy without the network', async () => {
    const server = fakeServer(5);
    let now = 1_000;
    const service = createItemEventsService({ db, getApi: async () => server.api, now: () => now, pageSize: 2 });

    const first = await service.load(ref);
    expect(first.events.map((e) => e.id)).toEqual(['ev-0', 'ev-1']);
    expect(first).toMatchObject({ hasMore: true, freshness: 'fresh' });
    const all = await service.load(ref, { more: true }).then(() => service.load(ref, { more: true }));
    expect(all.events.map((e) => e.id)).toEqual(['ev-0', 'ev-1', 'ev-2', 'ev-3', 'ev-4']);
    expect(all.hasMore).toBe(false);
    expect(server.calls.map((c) => c.cursor)).toEqual([undefined, 'c2', 'c4']);

    now += 60_000; // still within the TTL: the panel reopening costs no request
    expect((await service.load(ref)).events).toHaveLength(5);
    expect(server.calls).toHaveLength(3);

    now += 10 * 60_000; // stale: the newest page is fetched again and replaces the cache
    expect((await service.load(ref)).events.map((e) => e.id)).toEqual(['ev-0', 'ev-1']);
    expect(server.calls).toHaveLength(4);
  });

  it('answers what is cached, as stale, when the API is away, and fails only with nothing cached', async () => {
    const server = fakeServer(3);
    let now = 0;
    const outcomes: (ApiError | null)[] = [];
    const service = createItemEventsService({
      db,
      getApi: async () => server.api,
      now: () => now,
      onApiResult: (error) => outcomes.push(error),
    });
    await service.load(ref);
    server.fail(new ApiError('Cannot reach the QA Lens API', 0, 'unreachable'));
    now = 60 * 60_000;
    const offline = await service.load(ref);
    expect(offline).toMatchObject({ freshness: 'stale', hasMore: false });
    expect(offline.events).toHaveLength(3);
    await expect(service.load({ ...ref, itemKey: 'other' })).rejects.toThrow('Cannot reach');
    expect(outcomes.map((o) => o?.code ?? 'ok')).toEqual(['ok', 'unreachable', 'unreachable']);
  });

  it('asks once when the panel asks twice at the same time', async () => {
    const server = fakeServer(3);
    const service = createItemEventsService({ db, getApi: async () => server.api });
    await Promise.all([service.load(ref), service.load(ref)]);
    expect(server.calls).toHaveLength(1);
  });

  it('keeps the events of a bounded number of items, the most recently fetched', async () => {
    const server = fakeServer(1);
    let now = 0;
    const service = createItemEventsService({ db, getApi: async () => server.api, now: () => now, maxItems: 3 });
    for (let i = 0; i < 5; i++) {
      now += 1;
      await service.load({ ...ref, itemKey: `K-${i}` });
    }
    expect((await db.itemEvents.toArray()).map((row) => row.itemKey).sort()).toEqual(['K-2', 'K-3', 'K-4']);
  });
});
