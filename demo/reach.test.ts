import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { SiteAdapter, zodDetails } from '../contract';
import { DEMO_COMPONENTS_ADAPTER, DEMO_GRID_ADAPTER, DEMO_GRID_FIXED_ADAPTER, demoPublishedAdapters } from './adapters';
import { COMPONENT_ROWS, GRID_ROWS, type ReachRow } from './data/reach-items';
import { GRID_COLUMNS } from './pages/grid-page';
import { jsonForScript } from './pages/json-script';
import { PORTAL_TOOL_SRC } from './pages/portal-page';
import { generateSeed, type DemoSeed } from './seed';
import { createDemoApp } from './server';

const seed = generateSeed({ anchor: new Date('2026-03-01T00:00:00.000Z') });
const app = createDemoApp(seed);
const window = new Window();
afterAll(() => window.close());

function parse(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

async function getPage(path: string, status = 200, from = app): Promise<Document> {
  const res = await from.request(path);
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  return parse(await res.text());
}

/** The rows a page hands its script, from the JSON data island. */
function island<T>(doc: Document, id: string): T {
  const script = doc.querySelector(`script[type="application/json"]#${id}`);
  expect(script).not.toBeNull();
  return JSON.parse(script!.textContent!) as T;
}

const videos = seed.moderation.items.filter((item) => item.queue === 'videos');
const audited = new Set(seed.events.filter((e) => e.site === 'demo-moderation').map((e) => e.itemKey));

describe('review grid page (/grid/queues/:queue)', () => {
  it('renders AG Grid’s header and an empty rows container, with 200 rows in the data island', async () => {
    const doc = await getPage('/grid/queues/videos');
    expect(doc.querySelector('main.cg')?.getAttribute('data-queue')).toBe('videos');
    const root = doc.querySelector('div.ag-root-wrapper > div.ag-root[role="grid"]');
    expect(root?.getAttribute('aria-rowcount')).toBe(String(GRID_ROWS + 1));
    const headers = [...doc.querySelectorAll('.ag-header-row > .ag-header-cell[col-id]')];
    expect(headers.map((h) => h.getAttribute('col-id'))).toEqual(['caseId', 'title', 'category', 'label', 'policy']);
    expect(headers.map((h) => h.textContent?.trim())).toEqual(['Case ID', 'Title', 'Category', 'Proposed', 'Policy']);
    expect(headers.map((h) => h.getAttribute('style'))).toEqual([
      'left: 0px; width: 170px',
      'left: 170px; width: 320px',
      'left: 490px; width: 190px',
      'left: 680px; width: 130px',
      'left: 810px; width: 170px',
    ]);
    const container = doc.querySelector('.ag-root .ag-body-viewport .ag-center-cols-container');
    expect(container?.children).toHaveLength(0);
    expect(container?.getAttribute('style')).toContain(`height: ${GRID_ROWS * 42}px`);
    expect(doc.querySelector('input#filter-text-box')).not.toBeNull();
    expect(doc.querySelector('script[src="/assets/grid.js"]')).not.toBeNull();

    const data = island<{ columns: unknown; rowHeight: number; pool: number; rows: ReachRow[] }>(doc, 'grid-data');
    expect(data.columns).toEqual(GRID_COLUMNS);
    expect(data.rowHeight).toBe(42);
    expect(data.pool).toBe(30);
    expect(data.rows).toHaveLength(200);
    expect(data.rows).toEqual(
      videos.slice(0, 200).map((i) => ({
        id: i.id,
        title: i.title,
        category: i.category,
        label: i.proposedLabel,
        policy: i.policy,
      })),
    );
    expect(data.rows[0]?.id).toBe('VID-00001');
    expect(data.rows[199]?.id).toBe('VID-00200');
  });

  it('serves every queue and answers 404 for unknown ones', async () => {
    const posts = island<{ rows: ReachRow[] }>(await getPage('/grid/queues/posts'), 'grid-data');
    expect(posts.rows.map((r) => r.id).slice(0, 2)).toEqual(['PST-00001', 'PST-00002']);
    await getPage('/grid/queues/nope', 404);
    await getPage('/grid/queues/', 404);
    const root = await app.request('/grid/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/grid/queues/videos');
  });
});

describe('portal shell pages (/shell/)', () => {
  it('frames the moderation queue, page 2, same-origin', async () => {
    expect(PORTAL_TOOL_SRC).toBe('/moderation/queues/videos?page=2');
    const doc = await getPage('/shell/');
    const frames = [...doc.querySelectorAll('iframe')];
    expect(frames.map((f) => f.getAttribute('src'))).toEqual([PORTAL_TOOL_SRC]);
    expect(frames[0]?.classList.contains('portal__frame')).toBe(true);
    expect(doc.querySelector('main.portal')?.getAttribute('data-frame-depth')).toBe('1');
    expect(doc.querySelector('script[src="/assets/shell.js"]')).not.toBeNull();
    const framed = await getPage(PORTAL_TOOL_SRC);
    expect(framed.querySelectorAll('article.mq-card[data-item-id]')).toHaveLength(24);
    expect(framed.querySelector('article.mq-card')?.getAttribute('data-item-id')).toBe('VID-00025');
  });

  it('nests the tool two frames deep on /shell/nested', async () => {
    const outer = await getPage('/shell/nested');
    expect([...outer.querySelectorAll('iframe')].map((f) => f.getAttribute('src'))).toEqual(['/shell/workspace']);
    expect(outer.querySelector('main.portal')?.getAttribute('data-frame-depth')).toBe('2');
    const middle = await getPage('/shell/workspace');
    expect([...middle.querySelectorAll('iframe')].map((f) => f.getAttribute('src'))).toEqual([PORTAL_TOOL_SRC]);
    const redirect = await app.request('/shell');
    expect(redirect.headers.get('location')).toBe('/shell/');
    await getPage('/shell/elsewhere', 404);
  });
});

describe('web-component queue pages (/components/)', () => {
  it('hosts 50 audited items in <review-queue> with open shadow roots', async () => {
    const doc = await getPage('/components/queues/videos');
    const host = doc.querySelector('main.qk > review-queue');
    expect(host?.getAttribute('data-shadow')).toBe('open');
    expect(host?.getAttribute('data-source')).toBe('queue-data');
    expect(host?.getAttribute('data-name')).toBe('Videos');
    // Nothing but the host is server-rendered: the rows exist only inside the shadow roots.
    expect(host?.children).toHaveLength(0);
    expect(doc.querySelectorAll('.row')).toHaveLength(0);
    expect(doc.querySelector('script[src="/assets/components.js"]')).not.toBeNull();
    const { rows } = island<{ rows: ReachRow[] }>(doc, 'queue-data');
    expect(rows).toHaveLength(COMPONENT_ROWS);
    expect(rows.map((r) => r.id)).toEqual(
      videos
        .filter((i) => audited.has(i.id))
        .slice(0, 50)
        .map((i) => i.id),
    );
    expect(rows.every((r) => audited.has(r.id))).toBe(true);
    expect(rows[0]?.id).toBe('VID-00002');
  });

  it('has a closed variant and answers 404 for unknown queues', async () => {
    const doc = await getPage('/components/closed');
    expect(doc.querySelector('review-queue')?.getAttribute('data-shadow')).toBe('closed');
    expect(island<{ rows: ReachRow[] }>(doc, 'queue-data').rows).toHaveLength(50);
    const listings = island<{ rows: ReachRow[] }>(await getPage('/components/queues/listings'), 'queue-data');
    expect(listings.rows.every((r) => r.id.startsWith('LST-') && audited.has(r.id))).toBe(true);
    await getPage('/components/queues/nope', 404);
    expect((await app.request('/components/')).headers.get('location')).toBe('/components/queues/videos');
  });
});

describe('home page and assets', () => {
  it('links the new pages', async () => {
    const hrefs = [...(await getPage('/')).querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(expect.arrayContaining(['/grid/queues/videos', '/shell/', '/components/queues/videos']));
  });

  it('serves the new scripts and stylesheets, and the pages load nothing from elsewhere', async () => {
    for (const name of ['grid.js', 'grid.css', 'components.js', 'shell.js', 'portal.css']) {
      const res = await app.request(`/assets/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(name.endsWith('.js') ? /javascript/ : /^text\/css/);
    }
    for (const path of ['/grid/queues/videos', '/shell/', '/shell/workspace', '/components/queues/videos']) {
      const doc = await getPage(path);
      const sources = [...doc.querySelectorAll('link[href], script[src], img[src]')].map(
        (el) => el.getAttribute('href') ?? el.getAttribute('src'),
      );
      for (const src of sources) expect(src).toMatch(/^\/assets\//);
    }
  });
});

describe('escaping', () => {
  const hostile = 'Hi <script>alert(1)</script><img src=x onerror="alert(2)"> & "quotes" \u2028';
  const evil: DemoSeed = structuredClone(seed);
  const first = evil.moderation.items[0]!;
  first.title = hostile;
  first.category = '</script><script>window.__pwned=1</script>';
  // Give the first video events, so it is one of the component queue's rows.
  evil.events.push({ ...evil.events.find((e) => e.site === 'demo-moderation')!, itemKey: first.id });
  const evilApp = createDemoApp(evil);

  it('writes data islands as JSON a script tag cannot be broken out of', () => {
    expect(jsonForScript({ a: '</script><b>&\u2028' })).toBe(
      '{"a":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028"}',
    );
  });

  for (const [path, id] of [
    ['/grid/queues/videos', 'grid-data'],
    ['/components/queues/videos', 'queue-data'],
  ] as const) {
    it(`keeps hostile item text inert on ${path}`, async () => {
      const html = await (await evilApp.request(path)).text();
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<script>window.__pwned');
      expect(html.match(/<\/script/g)).toHaveLength(2); // the data island's and the page script's own
      const doc = parse(html);
      expect(doc.querySelectorAll('img')).toHaveLength(0);
      const { rows } = island<{ rows: ReachRow[] }>(doc, id);
      expect(rows[0]).toMatchObject({ id: 'VID-00001', title: hostile, category: first.category });
    });
  }
});

describe('adapters for the new pages', () => {
  const parsed = (input: unknown) => {
    const result = SiteAdapter.safeParse(input);
    expect(result.success ? [] : zodDetails(result.error)).toEqual([]);
    return result.data!;
  };

  it('demo-grid: keyed by row-id, badge appended to the case-id cell', () => {
    expect(parsed(DEMO_GRID_ADAPTER)).toMatchObject({
      id: 'demo-grid',
      site: 'demo-moderation',
      matches: ['http://localhost/grid/*', 'http://127.0.0.1/grid/*'],
      item: {
        shadowHosts: [],
        selector: '.ag-center-cols-container > .ag-row[row-id]',
        key: { from: 'attribute', name: 'row-id' },
        required: ['queue', 'label'],
      },
      badge: { selector: '.ag-cell[col-id="caseId"]', position: 'append' },
    });
  });

  it('the grid fix differs only in the badge position', () => {
    const fixed = parsed(DEMO_GRID_FIXED_ADAPTER);
    expect(fixed.badge).toEqual({ selector: '.ag-cell[col-id="caseId"]', position: 'prepend' });
    expect({ ...fixed, badge: null }).toEqual({ ...parsed(DEMO_GRID_ADAPTER), badge: null });
  });

  it('demo-components: two open shadow roots, keyed by data-case-id', () => {
    expect(parsed(DEMO_COMPONENTS_ADAPTER)).toMatchObject({
      id: 'demo-components',
      site: 'demo-moderation',
      matches: ['http://localhost/components/*', 'http://127.0.0.1/components/*'],
      item: {
        shadowHosts: ['review-queue', 'review-list'],
        selector: 'div.row[data-case-id]',
        key: { from: 'attribute', name: 'data-case-id' },
      },
      badge: { selector: '.row__id', position: 'after' },
    });
  });

  it('are all published at start, with distinct ids', () => {
    const ids = demoPublishedAdapters.map((a) => a.id);
    expect(ids).toEqual(['demo-review', 'demo-grid', 'demo-components']);
    for (const adapter of demoPublishedAdapters) parsed(adapter);
  });
});
