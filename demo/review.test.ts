import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SiteAdapter, zodDetails } from '../contract';
import { ITEM_FIELD_VALUE_MAX } from '../contract/limits';
import { extractItem } from '../utils/overlay/extract';
import { DEMO_REVIEW_ADAPTER } from './adapters';
import {
  REVIEW_HOSTILE,
  REVIEW_HOSTILE_EVERY,
  REVIEW_HOSTILE_ID,
  REVIEW_HOSTILE_ID_INDEX,
  REVIEW_HOSTILE_KINDS,
  REVIEW_ITEMS_PER_QUEUE,
  REVIEW_LONG_TITLE,
  REVIEW_QUEUES,
  reviewHostileKind,
  reviewItem,
  reviewItems,
  type ReviewItem,
} from './data/review';
import { generateSeed } from './seed';
import { createDemoApp } from './server';

const seed = generateSeed({ anchor: new Date('2026-03-01T00:00:00.000Z') });
const app = createDemoApp(seed);
const APP_JS = readFileSync(new URL('./public/review-app.js', import.meta.url), 'utf8');

const windows: Window[] = [];
afterAll(async () => {
  for (const w of windows) await w.happyDOM.close();
});

describe('Review Hub data', () => {
  it('is a pure function of queue and index', () => {
    expect(reviewItem('videos', 1234)).toEqual(reviewItem('videos', 1234));
    expect(reviewItems('posts', 100, 3)).toEqual([
      reviewItem('posts', 100),
      reviewItem('posts', 101),
      reviewItem('posts', 102),
    ]);
    expect(reviewItem('videos', 0)).toMatchObject({ id: 'RV-V-00001', queue: 'videos' });
    expect(reviewItem('posts', 0).id).toBe('RV-P-00001');
    expect(reviewItem('listings', 9_999).id).toBe('RV-L-10000');
    // Different queues draw different items.
    expect(reviewItem('posts', 7).title).not.toBe(reviewItem('videos', 7).title);
  });

  it('has exactly 10,000 items per queue, with unique ids', () => {
    expect(REVIEW_QUEUES.map((q) => q.id)).toEqual(['videos', 'posts', 'listings']);
    for (const queue of REVIEW_QUEUES) {
      const items = reviewItems(queue.id, 0, 20_000);
      expect(items).toHaveLength(REVIEW_ITEMS_PER_QUEUE);
      expect(new Set(items.map((i) => i.id)).size).toBe(REVIEW_ITEMS_PER_QUEUE);
      for (const item of items) {
        expect(item.id.length).toBeLessThanOrEqual(256);
        for (const field of ['title', 'category', 'proposedLabel', 'policy', 'author'] as const) {
          expect(item[field].length).toBeGreaterThan(0);
        }
      }
      expect(() => reviewItem(queue.id, REVIEW_ITEMS_PER_QUEUE)).toThrow(RangeError);
      expect(() => reviewItem(queue.id, -1)).toThrow(RangeError);
    }
    expect(() => reviewItem('nope', 0)).toThrow();
  });

  it('does not touch the demo seed', () => {
    expect(JSON.stringify(seed)).not.toContain('RV-V-');
    expect(seed.events.some((e) => e.site === 'demo-review')).toBe(false);
  });

  it('puts every hostile kind in the first 50 items, then one on every 97th item', () => {
    expect(REVIEW_HOSTILE_KINDS).toEqual([
      'script',
      'img',
      'svg',
      'rtl',
      'zero-width',
      'combining',
      'long',
      'markup',
      'template',
    ]);
    for (const queue of REVIEW_QUEUES) {
      const hostile = reviewItems(queue.id, 0, REVIEW_ITEMS_PER_QUEUE)
        .map((item, index) => ({ item, index, kind: reviewHostileKind(index) }))
        .filter((h) => h.kind !== null);
      // Item numbers 5, 10 … 45, then 97, 194 … 9,991.
      const numbers = hostile.map((h) => h.index + 1);
      expect(numbers.slice(0, 9)).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45]);
      expect(numbers.slice(9)).toEqual(Array.from({ length: 103 }, (_, m) => (m + 1) * REVIEW_HOSTILE_EVERY));
      for (const { item, kind } of hostile) expect(item).toMatchObject(REVIEW_HOSTILE[kind!]);
    }
    expect(reviewItem('videos', 4).title).toBe('<script>window.__pwned=1</script>');
    expect(reviewItem('videos', 9).title).toBe('<img src=x onerror="window.__pwned=1">');
    expect(reviewItem('videos', 14).title).toBe('"><svg onload=window.__pwned=1>');
    expect(reviewItem('videos', 19).title).toContain('\u202E');
    expect(reviewItem('videos', 24).title).toMatch(/\u200B/);
    expect(reviewItem('videos', 29).title.normalize('NFD')).toMatch(/\p{M}{3}/u);
    expect(reviewItem('videos', 34).title).toBe(REVIEW_LONG_TITLE);
    expect(REVIEW_LONG_TITLE.length).toBeGreaterThanOrEqual(5_000);
    expect(reviewItem('posts', 96).title).toBe(REVIEW_HOSTILE.script.title);
    expect(reviewItem('listings', 2 * 97 - 1).title).toBe(REVIEW_HOSTILE.img.title);
    expect(reviewItem('videos', 3).title).not.toMatch(/[<>]/);
  });

  it('has one hostile item id, on the first screen of videos', () => {
    expect(REVIEW_HOSTILE_ID).toBe('RV-V-<img src=x onerror=window.__pwned=1>');
    expect(REVIEW_HOSTILE_ID_INDEX).toBeLessThan(50);
    expect(reviewItem('videos', REVIEW_HOSTILE_ID_INDEX).id).toBe(REVIEW_HOSTILE_ID);
    expect(reviewItem('posts', REVIEW_HOSTILE_ID_INDEX).id).toBe('RV-P-00042');
    const odd = REVIEW_QUEUES.flatMap((q) => reviewItems(q.id, 0, REVIEW_ITEMS_PER_QUEUE)).filter(
      (item) => !/^RV-[VPL]-\d{5}$/.test(item.id),
    );
    expect(odd.map((i) => i.id)).toEqual([REVIEW_HOSTILE_ID]);
  });
});

describe('Review Hub JSON API', () => {
  const getJson = async (path: string, status = 200) => {
    const res = await app.request(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return res.json() as Promise<Record<string, unknown>>;
  };

  it('lists the three queues with their counts', async () => {
    expect(await getJson('/review/api/queues')).toEqual({
      queues: [
        { id: 'videos', name: 'Videos', count: 10_000 },
        { id: 'posts', name: 'Posts', count: 10_000 },
        { id: 'listings', name: 'Listings', count: 10_000 },
      ],
    });
  });

  it('pages through items', async () => {
    const first = await getJson('/review/api/queues/videos/items');
    expect(first.total).toBe(10_000);
    expect(first.items).toEqual(reviewItems('videos', 0, 50));
    const page = await getJson('/review/api/queues/posts/items?offset=500&limit=500');
    expect(page.items).toEqual(reviewItems('posts', 500, 500));
    const last = await getJson('/review/api/queues/listings/items?offset=9950&limit=100');
    expect((last.items as ReviewItem[]).map((i) => i.id)).toEqual(
      Array.from({ length: 50 }, (_, n) => `RV-L-${String(9951 + n).padStart(5, '0')}`),
    );
    expect(await getJson('/review/api/queues/listings/items?offset=10000&limit=10')).toEqual({
      items: [],
      total: 10_000,
    });
  });

  it('refuses bad offsets and limits with 400 and unknown queues with 404', async () => {
    for (const query of [
      'offset=-1',
      'offset=abc',
      'offset=1.5',
      'offset=10001',
      'limit=0',
      'limit=501',
      'limit=-5',
      'limit=ten',
      'offset=0&limit=1e3',
    ]) {
      const body = await getJson(`/review/api/queues/videos/items?${query}`, 400);
      expect(body).toMatchObject({ error: { code: 'bad_request' } });
    }
    expect(await getJson('/review/api/queues/nope/items', 404)).toMatchObject({ error: { code: 'not_found' } });
    await getJson('/review/api/nope', 404);
  });
});

describe('Review Hub pages', () => {
  it('redirects the root to the videos queue', async () => {
    for (const path of ['/review', '/review/']) {
      const res = await app.request(path);
      expect(res.status).toBe(302);
    }
    expect((await app.request('/review/')).headers.get('location')).toBe('/review/queues/videos');
  });

  it('serves the same shell for every queue and a 404 page for others', async () => {
    for (const queue of REVIEW_QUEUES) {
      const res = await app.request(`/review/queues/${queue.id}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`<main class="rv" data-queue="${queue.id}"`);
      expect(html).toContain('<ul class="rv-list"');
      expect(html).toMatch(/<script src="\/assets\/review-app.js" defer(="")?><\/script>/);
      expect(html).toContain('href="/assets/review.css"');
      expect(html).toContain('Review Hub');
    }
    const missing = await app.request('/review/queues/nope');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Queue not found');
  });

  it('serves its assets and is linked from the index', async () => {
    expect((await app.request('/assets/review-app.js')).headers.get('content-type')).toMatch(/javascript/);
    expect((await app.request('/assets/review.css')).headers.get('content-type')).toMatch(/^text\/css/);
    expect(await (await app.request('/')).text()).toContain('href="/review/queues/videos"');
  });

  it('builds item elements without HTML strings', () => {
    expect(APP_JS).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
  });
});

describe('demo-review adapter document', () => {
  it('is a valid SiteAdapter', () => {
    const result = SiteAdapter.safeParse(DEMO_REVIEW_ADAPTER);
    expect(result.success ? [] : zodDetails(result.error)).toEqual([]);
    expect(result.data).toMatchObject({
      schemaVersion: 1,
      id: 'demo-review',
      version: 1,
      site: 'demo-review',
      matches: ['http://localhost/review/*', 'http://127.0.0.1/review/*'],
      item: { selector: 'li.rv-item[data-key]', required: ['queue', 'label'] },
      badge: { selector: '.rv-item__id', position: 'after' },
      enabled: true,
    });
  });
});

// ---- The app itself, in happy-dom against the Hono app ---------------------------

interface ReviewWindow extends Window {
  __reviewReady?: number;
  __reviewRendered?: number;
  __pwned?: unknown;
  __reviewReplace(key: string): boolean;
  __reviewInsertTop(keys?: string[]): number;
}

/** Loads the shell for `path`, routes fetch to the demo app, and runs review-app.js. */
async function boot(path: string): Promise<{ win: ReviewWindow; doc: Document; requests: string[] }> {
  const win = new Window({
    url: `http://localhost${path}`,
    settings: {
      enableJavaScriptEvaluation: true,
      suppressInsecureJavaScriptEnvironmentWarning: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
    },
  }) as unknown as ReviewWindow;
  windows.push(win);
  const html = await (await app.request(path)).text();
  // The shell's own <script src> is not loaded: the test runs the file's text itself.
  const shell = html.replace(/<script src="\/assets\/review-app.js"[^>]*><\/script>/, '');
  expect(shell).not.toContain('review-app.js');
  win.document.write(shell);
  const requests: string[] = [];
  Object.assign(win, {
    fetch: async (input: string) => {
      const url = new URL(String(input), win.location.href);
      requests.push(url.pathname + url.search);
      return app.request(url.pathname + url.search);
    },
  });
  const doc = win.document as unknown as Document;
  const script = doc.createElement('script');
  script.textContent = APP_JS;
  doc.body.append(script);
  await vi.waitFor(() => expect(win.__reviewReady).toBeTypeOf('number'));
  return { win, doc, requests };
}

const rows = (doc: Document) => [...doc.querySelectorAll<HTMLElement>('main.rv ul.rv-list > li.rv-item')];
const keys = (doc: Document) => rows(doc).map((li) => li.getAttribute('data-key'));
const ids = (queue: string, offset: number, count: number) => reviewItems(queue, offset, count).map((i) => i.id);

describe('review-app.js in happy-dom', () => {
  it('renders the first 50 items with the DOM contract, hostile strings as text', async () => {
    const { win, doc, requests } = await boot('/review/queues/videos');
    expect(requests).toEqual(['/review/api/queues/videos/items?offset=0&limit=50']);
    expect(keys(doc)).toEqual(ids('videos', 0, 50));
    expect(win.__reviewRendered).toBe(50);
    expect(doc.querySelector('.rv-status')?.textContent).toMatch(/^Showing 50 of 10,000/);
    expect(doc.querySelector('main.rv')?.getAttribute('data-state')).toBe('ready');

    const expected = reviewItems('videos', 0, 50);
    rows(doc).forEach((li, i) => {
      const item = expected[i]!;
      expect(li.querySelector('div.rv-item__top > code.rv-item__id')?.textContent).toBe(item.id);
      expect(li.querySelector('div.rv-item__top > span.rv-item__title')?.textContent).toBe(item.title);
      expect(li.querySelector('span.rv-item__category')?.textContent).toBe(item.category);
      expect(li.querySelector('span.rv-item__label')?.textContent).toBe(item.proposedLabel);
      expect(li.querySelector('span.rv-item__policy')?.textContent).toBe(item.policy);
      expect([...li.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Approve', 'Reject', 'Claim']);
    });

    // Hostile strings stayed text: no element was made from them, nothing ran.
    const list = doc.querySelector('.rv-list')!;
    expect(list.querySelectorAll('script, img, svg, b, i').length).toBe(0);
    expect(doc.querySelectorAll('img, svg').length).toBe(0);
    expect(win.__pwned).toBeUndefined();
    expect(list.textContent).toContain('<script>window.__pwned=1</script>');
    expect(list.textContent).toContain('"><svg onload=window.__pwned=1>');
    expect(rows(doc).filter((li) => li.getAttribute('data-key') === 'RV-FAKE-1')).toHaveLength(0);
    const hostileRow = rows(doc)[REVIEW_HOSTILE_ID_INDEX]!;
    expect(hostileRow.getAttribute('data-key')).toBe(REVIEW_HOSTILE_ID);
    expect(hostileRow.querySelector('.rv-item__id')?.textContent).toBe(REVIEW_HOSTILE_ID);
    expect(rows(doc)[34]!.querySelector('.rv-item__title')?.textContent).toBe(REVIEW_LONG_TITLE);

    // The published adapter reads every row: key, queue from the URL, label and title.
    const url = new URL(win.location.href);
    rows(doc).forEach((li, i) => {
      const item = expected[i]!;
      expect(li.matches(DEMO_REVIEW_ADAPTER.item.selector)).toBe(true);
      const extracted = extractItem(DEMO_REVIEW_ADAPTER, li, url);
      expect(extracted).toMatchObject({
        site: 'demo-review',
        itemKey: item.id,
        fields: { queue: 'videos', label: item.proposedLabel, category: item.category.trim() },
      });
      // As read, whitespace collapsed; past ITEM_FIELD_VALUE_MAX cut with an ellipsis (the long title).
      const title = item.title.replace(/\s+/gu, ' ').trim();
      expect(extracted?.fields.title).toBe(
        title.length > ITEM_FIELD_VALUE_MAX ? `${title.slice(0, ITEM_FIELD_VALUE_MAX - 1)}…` : title,
      );
    });
  });

  it('replaces the element on Claim and through __reviewReplace', async () => {
    const { win, doc } = await boot('/review/queues/videos');
    const old = rows(doc)[2]!;
    const key = old.getAttribute('data-key')!;
    old.querySelector<HTMLButtonElement>('button[data-action="claim"]')!.click();
    const fresh = rows(doc)[2]!;
    expect(old.isConnected).toBe(false);
    expect(fresh).not.toBe(old);
    expect(fresh.getAttribute('data-key')).toBe(key);
    expect(fresh.querySelector('.rv-item__chip')?.textContent).toBe('Claimed by you');
    expect(rows(doc)).toHaveLength(50);

    // The hostile key too: the lookup compares attribute values, no selector is built from it.
    const hostile = rows(doc)[REVIEW_HOSTILE_ID_INDEX]!;
    expect(win.__reviewReplace(REVIEW_HOSTILE_ID)).toBe(true);
    expect(hostile.isConnected).toBe(false);
    expect(rows(doc)[REVIEW_HOSTILE_ID_INDEX]!.getAttribute('data-key')).toBe(REVIEW_HOSTILE_ID);
    expect(win.__reviewReplace('RV-V-99999')).toBe(false);

    // Approve changes the row in place.
    const row = rows(doc)[0]!;
    row.querySelector<HTMLButtonElement>('button[data-action="approve"]')!.click();
    expect(rows(doc)[0]).toBe(row);
    expect(row.getAttribute('data-decision')).toBe('approve');

    expect(win.__reviewInsertTop()).toBe(5);
    expect(keys(doc).slice(0, 10)).toEqual([...ids('videos', 0, 5), ...ids('videos', 0, 5)]);
    expect(win.__reviewRendered).toBe(55);
    expect(win.__reviewInsertTop(['RV-V-00003', 'X-1'])).toBe(2);
    expect(keys(doc).slice(0, 2)).toEqual(['RV-V-00003', 'X-1']);
    expect(rows(doc)[0]!.querySelector('.rv-item__chip')).not.toBeNull(); // RV-V-00003 is claimed
  });

  it('switches queues with pushState and popstate, without a reload', async () => {
    const { win, doc, requests } = await boot('/review/queues/videos');
    const main = doc.querySelector('main.rv')!;
    doc.querySelector<HTMLAnchorElement>('a[data-queue="posts"]')!.click();
    expect(win.location.pathname).toBe('/review/queues/posts');
    expect(main.getAttribute('data-queue')).toBe('posts');
    await vi.waitFor(() => expect(win.__reviewReady).toBeTypeOf('number'));
    expect(doc.querySelector('main.rv')).toBe(main); // same document
    expect(keys(doc)).toEqual(ids('posts', 0, 50));
    expect(doc.querySelector('.rv-toolbar__name')?.textContent).toBe('Posts');
    expect(doc.querySelector('a.is-active')?.getAttribute('data-queue')).toBe('posts');
    expect(requests.at(-1)).toBe('/review/api/queues/posts/items?offset=0&limit=50');

    // Back: the browser restores the URL and fires popstate.
    win.history.pushState({}, '', '/review/queues/listings');
    win.dispatchEvent(new win.PopStateEvent('popstate', { state: {} }));
    expect(main.getAttribute('data-queue')).toBe('listings');
    await vi.waitFor(() => expect(keys(doc)[0]).toBe('RV-L-00001'));
    expect(keys(doc)).toEqual(ids('listings', 0, 50));
  });

  it('renders ?prefill=N items in one render', async () => {
    const { win, doc, requests } = await boot('/review/queues/listings?prefill=1200');
    expect(requests).toEqual([
      '/review/api/queues/listings/items?offset=0&limit=500',
      '/review/api/queues/listings/items?offset=500&limit=500',
      '/review/api/queues/listings/items?offset=1000&limit=200',
    ]);
    expect(keys(doc)).toEqual(ids('listings', 0, 1200));
    expect(win.__reviewRendered).toBe(1200);
    expect(doc.querySelector('.rv-status')?.textContent).toMatch(/^Showing 1,200 of 10,000/);
  });
});
