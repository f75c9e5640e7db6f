import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emptySummary, SiteAdapter, zodDetails, type ItemRef, type LookupResponse } from '../../contract';
import { builtinAdapters } from '../../utils/adapters/builtin';
import type { ApiClient } from '../../utils/api/client';
import { assertSameOrigin, assertSitesServed } from '../../utils/background/sender-scope';
import { AppDB } from '../../utils/db/app-db';
import { createLookupService } from '../../utils/items/lookup-service';
import { createDecorator } from '../../utils/overlay/decorate';
import { extractItem } from '../../utils/overlay/extract';
import { invalidSelector } from '../../utils/overlay/selectors';

const moderation = builtinAdapters.find((a) => a.id === 'demo-moderation')!;
const search = builtinAdapters.find((a) => a.id === 'demo-search')!;
const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('field scope', () => {
  it('reads a page-scoped field from the page, and never borrows an item field from another item', () => {
    const heading = document.createElement('h1');
    heading.className = 'se-query';
    heading.textContent = 'espresso machine';
    const first = document.createElement('li');
    first.dataset.resultId = 'R1';
    const title = document.createElement('a');
    title.className = 'se-result__title';
    title.href = 'https://a.example/';
    title.textContent = 'First';
    first.append(title);
    const second = document.createElement('li');
    second.dataset.resultId = 'R2'; // no title link: the field is missing, not First's
    document.body.replaceChildren(heading, first, second);
    const url = new URL('http://localhost/search-eval/tasks/T-1');
    expect(extractItem(search, first, url)?.fields).toMatchObject({ query: 'espresso machine', title: 'First' });
    expect(extractItem(search, second, url)?.fields).toEqual({ query: 'espresso machine' });
  });

  it('refuses an item key read from the page', () => {
    const adapter = structuredClone(moderation);
    adapter.item.key = { from: 'attribute', name: 'data-item-id', selector: '.x', scope: 'page' };
    const result = SiteAdapter.safeParse(adapter);
    expect(result.success).toBe(false);
    expect(zodDetails(result.error!)).toContainEqual({
      path: 'item.key.scope',
      message: expect.stringContaining('item itself'),
    });
  });

  it('names the selector this browser cannot parse', () => {
    expect(invalidSelector(moderation)).toBeNull();
    expect(invalidSelector({ ...moderation, badge: { selector: 'div:::nope', position: 'append' } })).toBe(
      'div:::nope',
    );
  });
});

describe('sender scope', () => {
  const sender = (url: string) => ({ id: fakeBrowser.runtime.id, url, tab: { id: 1 } as never });
  let db: AppDB;
  beforeEach(() => {
    db = new AppDB(`scope-${Math.random()}`);
  });
  afterEach(async () => {
    await db.delete();
  });

  it('lets a page ask only for sites served on its origin, and speak only for its own origin', async () => {
    const page = sender('http://localhost:8788/moderation/queues/videos');
    await expect(assertSitesServed(db, [{ site: 'demo-moderation', itemKey: 'x' }], page)).resolves.toBeUndefined();
    await expect(assertSitesServed(db, [{ site: 'hr-records', itemKey: 'x' }], page)).rejects.toThrow('not served');
    expect(() => assertSameOrigin('https://evil.example/x', page)).toThrow('own origin');
    expect(() => assertSameOrigin('http://localhost:8788/review/queues/x', page)).not.toThrow();
    // Extension pages are trusted with every site.
    await expect(
      assertSitesServed(db, [{ site: 'hr-records', itemKey: 'x' }], sender(fakeBrowser.runtime.getURL('/popup.html'))),
    ).resolves.toBeUndefined();
  });
});

describe('decorator recovery', () => {
  function card(id?: string) {
    const el = document.createElement('article');
    el.className = 'mq-card';
    if (id) el.dataset.itemId = id;
    return el;
  }

  it('decorates an item whose key arrives after it was found', async () => {
    const asked: ItemRef[] = [];
    const decorator = createDecorator(
      { ...moderation, badge: { position: 'append' } },
      {
        lookup: async (items) => {
          asked.push(...items);
          return { signedIn: true, items: [] };
        },
        openPanel: () => undefined,
        url: () => new URL('http://localhost/moderation/queues/videos'),
      },
      new AbortController().signal,
    );
    const row = card();
    document.body.replaceChildren(row);
    decorator.watcher.found([row], true);
    expect(row.querySelector('qa-lens-badge')).toBeNull();
    row.dataset.itemId = 'VID-7';
    decorator.watcher.changed(row);
    await settle();
    expect(row.querySelector('qa-lens-badge')).not.toBeNull();
    expect(asked).toEqual([{ site: 'demo-moderation', itemKey: 'VID-7' }]);
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
              items: items.map((i) => ({ ...i, summary: emptySummary(i), events: [] })),
            });
        }),
    } as unknown as ApiClient;
    const service = createLookupService({ db, getApi: async () => api, push: () => undefined, coalesceMs: 1 });
    await service.lookup([{ site: 'demo-moderation', itemKey: 'VID-1' }], 1);
    await settle(10);
    service.reset(); // signed in as someone else while the request was in flight
    release({} as LookupResponse);
    await service.idle();
    expect(await db.items.count()).toBe(0);
    await db.delete();
  });
});
