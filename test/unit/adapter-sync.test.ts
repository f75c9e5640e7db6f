import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SiteAdapterInput } from '../../contract';
import { syncAdapters } from '../../utils/adapters/adapter-sync';
import { builtinAdapters } from '../../utils/adapters/builtin';
import { originPattern, originsNeeded } from '../../utils/adapters/content-scripts';
import { activeAdapters, adaptersForUrl } from '../../utils/adapters/registry';
import type { ApiClient, AdapterPage } from '../../utils/api/client';
import { AppDB } from '../../utils/db/app-db';
import { getMeta } from '../../utils/items/item-cache';

const adapter = (id: string, overrides: Partial<SiteAdapterInput> = {}): SiteAdapterInput => ({
  ...structuredClone(builtinAdapters[0]!),
  id,
  matches: [`https://${id}.corp.example/*`],
  ...overrides,
});

function fakeApi(pages: AdapterPage[]) {
  const calls: number[] = [];
  const api = {
    adapters: async (since: number) => {
      calls.push(since);
      return pages.shift() ?? { adapters: [], cursor: since, hasMore: false };
    },
  } as unknown as ApiClient;
  return { api, calls };
}

const record = (document: unknown, revision: number) => ({
  adapter: document,
  revision,
  updatedAt: new Date().toISOString(),
  updatedBy: 'admin.jo',
});

describe('adapter sync', () => {
  let db: AppDB;
  beforeEach(() => {
    db = new AppDB(`sync-${Math.random()}`);
  });
  afterEach(async () => {
    await db.delete();
  });

  it('stores valid adapters, rejects a malformed one with the bad field, and pages by cursor', async () => {
    const malformed = { ...adapter('broken'), item: { selector: 'li', key: { from: 'attribute' } } };
    const { api, calls } = fakeApi([
      { adapters: [record(adapter('tickets'), 1), record(malformed, 2)], cursor: 2, hasMore: true },
      { adapters: [record(adapter('listings'), 3)], cursor: 3, hasMore: false },
    ]);

    const result = await syncAdapters(db, api);

    expect(calls).toEqual([0, 2]);
    expect(result.received).toBe(2);
    expect(result.rejected).toEqual([{ id: 'broken', message: expect.stringContaining('item.key.name') }]);
    expect((await db.adapters.toArray()).map((a) => a.id).sort()).toEqual(['listings', 'tickets']);
    expect(await db.rejectedAdapters.get('broken')).toMatchObject({ revision: 2 });
    expect(await getMeta(db, 'adaptersCursor')).toBe(3);
  });

  it('lets a published adapter replace or disable a built-in one', async () => {
    const builtin = builtinAdapters[0]!;
    const { api } = fakeApi([
      {
        adapters: [record({ ...builtin, version: builtin.version + 1, enabled: false }, 7)],
        cursor: 7,
        hasMore: false,
      },
    ]);
    await syncAdapters(db, api);
    const active = await activeAdapters(db);
    expect(active.find((a) => a.id === builtin.id)).toMatchObject({ enabled: false, version: builtin.version + 1 });
    expect(await adaptersForUrl(db, 'http://localhost:8788/moderation/queues/videos')).toEqual([]);
  });
});

describe('run-time host permissions', () => {
  it('asks for each adapter origin once, leaving out those the manifest grants', () => {
    expect(originPattern('https://tools.corp.example/queue/*')).toBe('https://tools.corp.example/*');
    expect(originPattern('not a pattern')).toBeNull();
    const adapters = [
      adapter('a', { matches: ['https://tools.corp.example/queue/*', 'https://tools.corp.example/review/*'] }),
      adapter('b', { matches: ['http://localhost/anything/*', 'https://eval.corp.example/*'] }),
      adapter('c', { matches: ['https://off.corp.example/*'], enabled: false }),
    ];
    expect(originsNeeded(adapters)).toEqual(['https://eval.corp.example/*', 'https://tools.corp.example/*']);
  });
});
