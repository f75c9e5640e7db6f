import { describe, expect, it } from 'vitest';
import { SiteAdapter, zodDetails } from '../../contract';
import { builtinAdapters } from '../../utils/adapters/builtin';
import { extractItem } from '../../utils/overlay/extract';
import { invalidSelector } from '../../utils/overlay/selectors';

const moderation = builtinAdapters.find((a) => a.id === 'demo-moderation')!;
const search = builtinAdapters.find((a) => a.id === 'demo-search')!;

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
