import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModerationCard, QueuePage } from './pages/queue-page';
import { TaskPage } from './pages/task-page';
import { renderPage } from './render';
import { generateSeed, type DemoSeed } from './seed';
import { PAGE_SIZE, createDemoApp, startDemoServer } from './server';

const seed = generateSeed({ anchor: new Date('2026-03-01T00:00:00.000Z') });
const app = createDemoApp(seed);
const window = new Window();
afterAll(() => window.close());

/** Parses HTML without running scripts or loading anything. */
function parse(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

async function getPage(path: string, status = 200): Promise<Document> {
  const res = await app.request(path);
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  return parse(await res.text());
}

const text = (root: ParentNode, selector: string) => root.querySelector(selector)?.textContent?.trim();

describe('demo index and redirects', () => {
  it('links to both tools', async () => {
    const doc = await getPage('/');
    const hrefs = [...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toContain('/moderation/queues/videos');
    expect(hrefs).toContain('/search-eval/tasks/T-0001');
  });

  it('redirects the tool roots to the first queue and task', async () => {
    const mod = await app.request('/moderation/');
    expect(mod.status).toBe(302);
    expect(mod.headers.get('location')).toBe('/moderation/queues/videos');
    const search = await app.request('/search-eval/');
    expect(search.status).toBe(302);
    expect(search.headers.get('location')).toBe('/search-eval/tasks/T-0001');
  });
});

describe('moderation queue pages', () => {
  const ids = (doc: Document) =>
    [...doc.querySelectorAll('main.mq article.mq-card')].map((a) => a.getAttribute('data-item-id'));
  const expected = (prefix: string, from: number, count: number) =>
    Array.from({ length: count }, (_, i) => `${prefix}-${String(from + i).padStart(5, '0')}`);

  it('lists 24 cards per page with the right ids', async () => {
    const page1 = await getPage('/moderation/queues/videos');
    expect(page1.querySelector('main.mq')?.getAttribute('data-queue')).toBe('videos');
    expect(ids(page1)).toEqual(expected('VID', 1, PAGE_SIZE));
    expect(ids(await getPage('/moderation/queues/videos?page=2'))).toEqual(expected('VID', 25, PAGE_SIZE));
    expect(ids(await getPage('/moderation/queues/posts?page=1'))).toEqual(expected('PST', 1, PAGE_SIZE));
    // 800 items: page 34 holds the last 8.
    expect(ids(await getPage('/moderation/queues/listings?page=34'))).toEqual(expected('LST', 793, 8));
  });

  it('renders every card with the DOM contract the site adapters read', async () => {
    const doc = await getPage('/moderation/queues/videos?page=2');
    const cards = [...doc.querySelectorAll('article.mq-card')];
    for (const card of cards) {
      const item = seed.moderation.items.find((i) => i.id === card.getAttribute('data-item-id'))!;
      expect(text(card, 'header.mq-card__head > span.mq-card__id')).toBe(item.id);
      expect(text(card, 'header.mq-card__head > h2.mq-card__title')).toBe(item.title);
      const media = card.querySelector('div.mq-card__media');
      expect(media?.getAttribute('role')).toBe('img');
      expect(media?.getAttribute('aria-label')).toContain(item.title);
      expect(text(card, 'dd.mq-card__category')).toBe(item.category);
      expect(text(card, 'dd.mq-card__label')).toBe(item.proposedLabel);
      expect(text(card, 'dd.mq-card__policy')).toBe(item.policy);
      expect(text(card, 'div.mq-card__actions > button[data-action="approve"]')).toBe('Approve');
      expect(text(card, 'div.mq-card__actions > button[data-action="reject"]')).toBe('Reject');
    }
    const pager = [...doc.querySelectorAll('.pager a')].map((a) => a.getAttribute('href'));
    expect(pager).toContain('/moderation/queues/videos?page=1');
    expect(pager).toContain('/moderation/queues/videos?page=3');
  });

  it('answers 404 for unknown queues and pages out of range', async () => {
    await getPage('/moderation/queues/nope', 404);
    await getPage('/moderation/queues/videos?page=35', 404);
    await getPage('/moderation/queues/videos?page=0', 404);
    await getPage('/moderation/queues/videos?page=abc', 404);
  });
});

describe('search evaluation task pages', () => {
  it('lists the query and 10 results in order, each with a 5-point scale', async () => {
    const doc = await getPage('/search-eval/tasks/T-0001');
    const task = seed.search.tasks[0]!;
    expect(doc.querySelector('main.se-task')?.getAttribute('data-task-id')).toBe('T-0001');
    expect(text(doc, 'h1.se-query')).toBe(task.query);
    const rows = [...doc.querySelectorAll('ol.se-results > li.se-result')];
    expect(rows.map((li) => li.getAttribute('data-result-id'))).toEqual(task.results.map((r) => r.id));
    expect(rows.map((li) => li.getAttribute('data-position'))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
    rows.forEach((li, i) => {
      const result = task.results[i]!;
      const link = li.querySelector('div.se-result__head > a.se-result__title');
      expect(link?.getAttribute('href')).toBe(result.url);
      expect(link?.textContent).toBe(result.title);
      expect(text(li, 'cite.se-result__url')).toBe(result.url);
      expect(text(li, 'p.se-result__snippet')).toBe(result.snippet);
      const radios = [...li.querySelectorAll('fieldset.se-rating input[type="radio"]')];
      expect(radios).toHaveLength(5);
      expect(new Set(radios.map((r) => r.getAttribute('name')))).toEqual(new Set([`rating-${result.id}`]));
      expect(text(li, 'fieldset.se-rating')).toMatch(/Fails to meet.*Fully meets/);
    });
  });

  it('links to the previous and next tasks', async () => {
    const first = await getPage('/search-eval/tasks/T-0001');
    expect(first.querySelector('a[rel="prev"]')).toBeNull();
    expect(first.querySelector('a[rel="next"]')?.getAttribute('href')).toBe('/search-eval/tasks/T-0002');
    const middle = await getPage('/search-eval/tasks/T-0100');
    expect(middle.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe('/search-eval/tasks/T-0099');
    const last = await getPage('/search-eval/tasks/T-0200');
    expect(last.querySelector('a[rel="next"]')).toBeNull();
  });

  it('answers 404 for unknown tasks', async () => {
    await getPage('/search-eval/tasks/T-9999', 404);
    await getPage('/search-eval/tasks/nope', 404);
  });
});

describe('assets', () => {
  it('serves the whitelisted CSS and JS and nothing else', async () => {
    const css = await app.request('/assets/demo.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const js = await app.request('/assets/moderation.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await app.request('/assets/search-eval.js')).status).toBe(200);
    expect((await app.request('/assets/seed.ts')).status).toBe(404);
    expect((await app.request('/assets/..%2Fseed.ts')).status).toBe(404);
  });

  it('pages load nothing from outside the server', async () => {
    for (const path of ['/', '/moderation/queues/videos', '/search-eval/tasks/T-0001']) {
      const doc = await getPage(path);
      const sources = [...doc.querySelectorAll('link[href], script[src], img[src]')].map(
        (el) => el.getAttribute('href') ?? el.getAttribute('src'),
      );
      for (const src of sources) expect(src).toMatch(/^\/assets\//);
    }
  });
});

describe('escaping', () => {
  const hostile = 'Hi <script>alert(1)</script><img src=x onerror="alert(2)"> & "quotes"';
  const assertEscaped = (html: string) => {
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toMatch(/<img[^>]*onerror/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  };

  it('escapes hostile titles when rendering page components', async () => {
    const item = { ...seed.moderation.items[0]!, title: hostile, category: hostile };
    assertEscaped(await renderPage(ModerationCard, { item, now: new Date(seed.anchor) }));
    const queue = { ...seed.moderation.queues[0]!, count: 1 };
    assertEscaped(
      await renderPage(QueuePage, {
        queue,
        queues: [queue],
        items: [item],
        page: 1,
        pageCount: 1,
        now: new Date(seed.anchor),
      }),
    );
    const task = seed.search.tasks[0]!;
    const hostileTask = {
      ...task,
      query: hostile,
      results: task.results.map((r) => ({ ...r, title: hostile, snippet: hostile })),
    };
    assertEscaped(await renderPage(TaskPage, { task: hostileTask, index: 0, total: 1, prevId: null, nextId: null }));
  });

  it('escapes hostile seed data served by the app', async () => {
    const evil: DemoSeed = structuredClone(seed);
    evil.moderation.items[0]!.title = hostile;
    evil.search.tasks[0]!.query = hostile;
    const evilApp = createDemoApp(evil);
    const queue = await (await evilApp.request('/moderation/queues/videos')).text();
    assertEscaped(queue);
    expect(text(parse(queue), 'article.mq-card .mq-card__title')).toBe(hostile);
    assertEscaped(await (await evilApp.request('/search-eval/tasks/T-0001')).text());
  });
});

describe('startDemoServer', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  beforeAll(async () => {
    server = await startDemoServer({ port: 0, seed });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('listens on a real port when asked for port 0', async () => {
    expect(server.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(Number(new URL(server.url).port)).toBeGreaterThan(0);
    const res = await fetch(`${server.url.replace('localhost', '127.0.0.1')}/moderation/queues/posts?page=2`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('data-item-id="PST-00025"');
  });
});
