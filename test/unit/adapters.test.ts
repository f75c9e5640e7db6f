import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SiteAdapter, zodDetails, type SiteAdapterInput } from '../../contract';
import { builtinAdapters } from '../../utils/adapters/builtin';
import { applyTransforms, extractItem } from '../../utils/overlay/extract';
import { ITEM_FIELD_VALUE_MAX } from '../../contract/limits';
import { adaptersFor } from '../../utils/adapters/match';

/** Loads a saved page (captured from the demo tools) into the test document. */
function loadFixture(name: string): void {
  const html = readFileSync(join(process.cwd(), 'test/fixtures', name), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceChildren(...document.importNode(parsed.body, true).childNodes);
}

const byId = (id: string) => builtinAdapters.find((adapter) => adapter.id === id)!;

describe('built-in site adapters', () => {
  it.each(builtinAdapters.map((a) => [a.id, a] as const))('%s is a valid adapter document', (_id, adapter) => {
    expect(SiteAdapter.safeParse(adapter).success).toBe(true);
  });

  it('are chosen by URL, whatever the port', () => {
    expect(adaptersFor(builtinAdapters, 'http://localhost:8788/moderation/queues/videos').map((a) => a.id)).toEqual([
      'demo-moderation',
    ]);
    expect(adaptersFor(builtinAdapters, 'http://127.0.0.1:9000/search-eval/tasks/T-0001').map((a) => a.id)).toEqual([
      'demo-search',
    ]);
    expect(adaptersFor(builtinAdapters, 'http://localhost:8788/')).toEqual([]);
  });

  it('read every card of the saved moderation queue with its fields', () => {
    loadFixture('moderation-queue.html');
    const adapter = byId('demo-moderation');
    const cards = [...document.querySelectorAll(adapter.item.selector)];
    expect(cards).toHaveLength(24);
    const url = new URL('http://localhost:8788/moderation/queues/videos?page=1');
    const items = cards.map((card) => extractItem(adapter, card, url));
    expect(items[0]).toMatchObject({ site: 'demo-moderation', itemKey: 'VID-00001', fields: { queue: 'videos' } });
    for (const item of items) {
      expect(item?.itemKey).toMatch(/^VID-\d{5}$/);
      expect(item?.fields.title).toBeTruthy();
      expect(item?.fields.category).toBeTruthy();
      expect(item?.fields.label).toBeTruthy();
    }
  });

  it('cut a field longer than messages carry, with an ellipsis and never inside a surrogate pair', () => {
    loadFixture('moderation-queue.html');
    const adapter = byId('demo-moderation');
    const card = document.querySelector(adapter.item.selector)!;
    const title = card.querySelector('.mq-card__title')!;
    // 1,998 letters then an emoji (two UTF-16 units) that straddles the cut.
    title.textContent = `${'a'.repeat(1_998)}😀 and more`;
    const url = new URL('http://localhost:8788/moderation/queues/videos?page=1');
    const read = extractItem(adapter, card, url)!.fields.title!;
    expect(read).toBe(`${'a'.repeat(1_998)}…`);
    expect(read.length).toBeLessThanOrEqual(ITEM_FIELD_VALUE_MAX);
  });

  it('read every ranked result of the saved search task, with the query from outside the item', () => {
    loadFixture('search-task.html');
    const adapter = byId('demo-search');
    const results = [...document.querySelectorAll(adapter.item.selector)];
    expect(results).toHaveLength(10);
    const url = new URL('http://localhost:8788/search-eval/tasks/T-0001');
    const items = results.map((el) => extractItem(adapter, el, url)!);
    expect(items.map((i) => i.itemKey)).toEqual(
      Array.from({ length: 10 }, (_, n) => `T-0001-R${String(n + 1).padStart(2, '0')}`),
    );
    expect(items.map((i) => i.fields.position)).toEqual(Array.from({ length: 10 }, (_, n) => String(n + 1)));
    const query = document.querySelector('.se-query')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(items.every((i) => i.fields.query === query)).toBe(true);
    expect(items[0]!.fields.resultUrl).toMatch(/^https:\/\//);
  });
});

describe('adapter documents', () => {
  const valid = (): SiteAdapterInput => structuredClone(byId('demo-moderation'));

  it('a malformed adapter is rejected with the path of the bad field', () => {
    const broken = valid() as Record<string, unknown>;
    (broken.item as Record<string, unknown>).key = { from: 'attribute' }; // no attribute name
    broken.matches = [];
    const result = SiteAdapter.safeParse(broken);
    expect(result.success).toBe(false);
    const paths = zodDetails(result.error!).map((d) => d.path);
    expect(paths).toContain('item.key.name');
    expect(paths).toContain('matches');
  });

  it('an invalid regular expression is named as such', () => {
    const broken = valid();
    broken.item.fields = { queue: { from: 'url', part: 'pathname', pattern: '(?<value>[unclosed' } };
    const result = SiteAdapter.safeParse(broken);
    expect(result.success).toBe(false);
    expect(zodDetails(result.error!)).toContainEqual({
      path: 'item.fields.queue.pattern',
      message: 'not a valid regular expression',
    });
  });

  it('a bad match pattern disables only its own adapter', () => {
    const bad = { ...valid(), id: 'bad', matches: ['http://localhost:8788/*'] };
    expect(adaptersFor([bad, ...builtinAdapters], 'http://localhost:1/moderation/queues/x').map((a) => a.id)).toEqual([
      'demo-moderation',
    ]);
  });

  it('transforms are applied in order and `number` yields null for text without a number', () => {
    expect(applyTransforms('  Hello   World ', ['collapse-whitespace', 'trim', 'lowercase'])).toBe('hello world');
    expect(applyTransforms('#12 of 40', ['number'])).toBe('12');
    expect(applyTransforms('none', ['number'])).toBeNull();
  });

  it('a hostile attribute value stays plain text', () => {
    document.body.replaceChildren();
    const card = document.createElement('article');
    card.className = 'mq-card';
    card.setAttribute('data-item-id', '<img src=x onerror=alert(1)>');
    document.body.append(card);
    const item = extractItem(valid(), card, new URL('http://localhost/moderation/queues/videos'));
    expect(item?.itemKey).toBe('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
  });
});
