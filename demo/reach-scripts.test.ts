import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { extractItem } from '../utils/overlay/extract';
import { DEMO_COMPONENTS_ADAPTER, DEMO_GRID_ADAPTER } from './adapters';
import { generateSeed, type DemoSeed } from './seed';
import { createDemoApp } from './server';

const seed = generateSeed({ anchor: new Date('2026-03-01T00:00:00.000Z') });
const app = createDemoApp(seed);
const GRID_JS = readFileSync(new URL('./public/grid.js', import.meta.url), 'utf8');
const COMPONENTS_JS = readFileSync(new URL('./public/components.js', import.meta.url), 'utf8');
const videos = seed.moderation.items.filter((item) => item.queue === 'videos');

const windows: Window[] = [];
afterAll(async () => {
  for (const w of windows) await w.happyDOM.close();
});

interface DemoWindow extends Window {
  __gridReady?: boolean;
  __gridRendered?: number;
  __componentsReady?: boolean;
  __pwned?: unknown;
}

/** Loads `path` from the app into happy-dom and runs the page's script from its file text. */
async function boot(path: string, script: string, source: string, from = app) {
  const win = new Window({
    url: `http://localhost${path}`,
    settings: {
      enableJavaScriptEvaluation: true,
      suppressInsecureJavaScriptEnvironmentWarning: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
    },
  }) as unknown as DemoWindow;
  windows.push(win);
  const html = await (await from.request(path)).text();
  const page = html.replace(new RegExp(`<script src="/assets/${script}"[^>]*></script>`), '');
  expect(page).not.toContain(script);
  win.document.write(page);
  const doc = win.document as unknown as Document;
  const tag = doc.createElement('script');
  tag.textContent = source;
  doc.body.append(tag);
  return { win, doc };
}

const gridRows = (doc: Document) => [...doc.querySelectorAll<HTMLElement>('.ag-center-cols-container > .ag-row')];
const rowIds = (doc: Document) =>
  gridRows(doc)
    .sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')))
    .map((row) => row.getAttribute('row-id'));
const videoIds = (from: number, count: number) => videos.slice(from, from + count).map((i) => i.id);

/** Fires `event` on `target` and waits for grid.js to draw again. */
async function redraw(win: DemoWindow, target: EventTarget, event: string) {
  const before = win.__gridRendered ?? 0;
  target.dispatchEvent(new win.Event(event) as unknown as Event);
  await vi.waitFor(() => expect(win.__gridRendered).toBeGreaterThan(before));
}

describe('grid.js in happy-dom', () => {
  it('draws 30 pooled rows of 200, positioned by translateY, readable by demo-grid', async () => {
    const { win, doc } = await boot('/grid/queues/videos', 'grid.js', GRID_JS);
    expect(win.__gridReady).toBe(true);
    expect(gridRows(doc)).toHaveLength(30);
    expect(rowIds(doc)).toEqual(videoIds(0, 30));
    const url = new URL(win.location.href);
    gridRows(doc).forEach((row) => {
      const index = Number(row.getAttribute('row-index'));
      const item = videos[index]!;
      expect(row.style.transform).toBe(`translateY(${index * 42}px)`);
      expect(row.getAttribute('aria-rowindex')).toBe(String(index + 2));
      expect([...row.children].map((c) => c.getAttribute('col-id'))).toEqual([
        'caseId',
        'title',
        'category',
        'label',
        'policy',
      ]);
      expect(row.querySelector('.ag-cell[col-id="caseId"] > .ag-cell-wrapper > span.ag-cell-value')?.textContent).toBe(
        item.id,
      );
      expect(row.matches(DEMO_GRID_ADAPTER.item.selector)).toBe(true);
      expect(extractItem(DEMO_GRID_ADAPTER, row, url)).toEqual({
        site: 'demo-moderation',
        itemKey: item.id,
        fields: {
          queue: 'videos',
          title: item.title.replace(/\s+/gu, ' ').trim(),
          category: item.category,
          label: item.proposedLabel,
        },
      });
    });
  });

  it('recycles the same row elements on scroll, changing their row-id', async () => {
    const { win, doc } = await boot('/grid/queues/videos', 'grid.js', GRID_JS);
    const pool = gridRows(doc);
    const viewport = doc.querySelector('.ag-body-viewport')!;
    viewport.scrollTop = 42 * 100;
    await redraw(win, viewport, 'scroll');
    const after = gridRows(doc);
    expect(after).toHaveLength(30);
    expect(after.every((row) => pool.includes(row))).toBe(true);
    // 8 rows of buffer above the first visible one (row 100).
    expect(rowIds(doc)).toEqual(videoIds(92, 30));
    const row = doc.querySelector<HTMLElement>('.ag-row[row-id="VID-00101"]')!;
    expect(row.getAttribute('row-index')).toBe('100');
    expect(row.style.transform).toBe('translateY(4200px)');
    expect(row.querySelector('.ag-cell[col-id="title"]')?.textContent).toBe(videos[100]!.title);
    viewport.scrollTop = 42 * 1000; // past the end: the last 30 rows
    await redraw(win, viewport, 'scroll');
    expect(rowIds(doc)).toEqual(videoIds(170, 30));
  });

  it('sorts by a header click: ascending, descending, then back to the data order', async () => {
    const { win, doc } = await boot('/grid/queues/videos', 'grid.js', GRID_JS);
    const header = doc.querySelector<HTMLElement>('.ag-header-cell[col-id="title"]')!;
    const sorted = (sign: number) =>
      videos
        .slice(0, 200)
        .sort((a, b) => sign * a.title.localeCompare(b.title, 'en'))
        .slice(0, 30)
        .map((i) => i.id);
    header.click();
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(rowIds(doc)).toEqual(sorted(1));
    header.click();
    expect(header.getAttribute('aria-sort')).toBe('descending');
    // Ties keep their data order both ways (a stable sort), so descending is not ascending reversed.
    expect(rowIds(doc)).toEqual(sorted(-1));
    header.click();
    expect(header.getAttribute('aria-sort')).toBe('none');
    expect(rowIds(doc)).toEqual(videoIds(0, 30));
    expect(win.__gridReady).toBe(true);
  });

  it('filters with the quick filter box, detaching the rows it does not need', async () => {
    const { win, doc } = await boot('/grid/queues/videos', 'grid.js', GRID_JS);
    const box = doc.querySelector<HTMLInputElement>('#filter-text-box')!;
    box.value = 'vid-0000';
    await redraw(win, box, 'input');
    expect(rowIds(doc)).toEqual(videoIds(0, 9));
    expect(doc.querySelector('.ag-root')?.getAttribute('aria-rowcount')).toBe('10');
    expect(doc.querySelector('.cg-count')?.textContent).toBe('9 of 200 rows');
    box.value = '';
    await redraw(win, box, 'input');
    expect(rowIds(doc)).toEqual(videoIds(0, 30));
    expect(doc.querySelector('.cg-count')?.textContent).toBe('200 rows');
  });

  it('keeps a row’s selection when its element is recycled for another row and back', async () => {
    const { win, doc } = await boot('/grid/queues/videos', 'grid.js', GRID_JS);
    const box = doc.querySelector<HTMLInputElement>('.ag-row[row-id="VID-00001"] input.ag-checkbox-input')!;
    box.checked = true;
    box.dispatchEvent(new win.Event('change', { bubbles: true }) as unknown as Event);
    const viewport = doc.querySelector('.ag-body-viewport')!;
    viewport.scrollTop = 42 * 100;
    await redraw(win, viewport, 'scroll');
    expect(doc.querySelectorAll('.ag-row-selected')).toHaveLength(0);
    viewport.scrollTop = 0;
    await redraw(win, viewport, 'scroll');
    expect(doc.querySelector('.ag-row[row-id="VID-00001"]')?.classList.contains('ag-row-selected')).toBe(true);
    expect(doc.querySelectorAll('input.ag-checkbox-input:checked')).toHaveLength(1);
  });
});

/** The scope demo-components' shadowHosts lead to, entered the way the extension does. */
function itemScope(doc: Document): ParentNode | null {
  let scope: ParentNode | null = doc;
  for (const host of DEMO_COMPONENTS_ADAPTER.item.shadowHosts ?? []) {
    scope = scope?.querySelector(host)?.shadowRoot ?? null;
  }
  return scope;
}

describe('components.js in happy-dom', () => {
  it('renders 50 rows two open shadow roots deep, readable by demo-components', async () => {
    const { win, doc } = await boot('/components/queues/videos', 'components.js', COMPONENTS_JS);
    await vi.waitFor(() => expect(win.__componentsReady).toBe(true));
    expect(doc.querySelectorAll('.row')).toHaveLength(0);
    const scope = itemScope(doc);
    const rows = [...scope!.querySelectorAll(DEMO_COMPONENTS_ADAPTER.item.selector)];
    expect(rows).toHaveLength(50);
    const audited = new Set(seed.events.map((e) => e.itemKey));
    const expected = videos.filter((i) => audited.has(i.id)).slice(0, 50);
    const url = new URL(win.location.href);
    rows.forEach((row, i) => {
      const item = expected[i]!;
      expect(extractItem(DEMO_COMPONENTS_ADAPTER, row, url)).toEqual({
        site: 'demo-moderation',
        itemKey: item.id,
        fields: {
          queue: 'videos',
          title: item.title.replace(/\s+/gu, ' ').trim(),
          category: item.category,
          label: item.proposedLabel,
        },
      });
      expect(row.querySelector(DEMO_COMPONENTS_ADAPTER.badge!.selector!)?.textContent).toBe(item.id);
    });
    const header = doc.querySelector('review-queue')!.shadowRoot!.querySelector('header');
    expect(header?.textContent).toBe('Videos50 pending');
  });

  it('builds the closed variant behind shadow roots no script outside can enter', async () => {
    const { win, doc } = await boot('/components/closed', 'components.js', COMPONENTS_JS);
    await vi.waitFor(() => expect(win.__componentsReady).toBe(true));
    expect(doc.querySelector('review-queue')).not.toBeNull();
    expect(doc.querySelector('review-queue')!.shadowRoot).toBeNull();
    expect(itemScope(doc)).toBeNull();
  });

  it('keeps hostile strings as text', async () => {
    const evil: DemoSeed = structuredClone(seed);
    const target = evil.moderation.items.find((i) => i.id === 'VID-00002')!;
    target.title = '<img src=x onerror="window.__pwned=1">';
    target.category = '</script><script>window.__pwned=1</script>';
    const { win, doc } = await boot('/components/queues/videos', 'components.js', COMPONENTS_JS, createDemoApp(evil));
    await vi.waitFor(() => expect(win.__componentsReady).toBe(true));
    const row = itemScope(doc)!.querySelector('div.row[data-case-id="VID-00002"]')!;
    expect(row.querySelector('.row__title')?.textContent).toBe(target.title);
    expect(row.querySelector('.row__category')?.textContent).toBe(target.category);
    expect(row.querySelectorAll('img, script')).toHaveLength(0);
    expect(win.__pwned).toBeUndefined();
  });
});

describe('page scripts', () => {
  it('build elements without HTML strings', () => {
    const shell = readFileSync(new URL('./public/shell.js', import.meta.url), 'utf8');
    for (const source of [GRID_JS, COMPONENTS_JS, shell]) {
      expect(source).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
    }
  });
});
