import { describe, expect, it } from 'vitest';
import { createBadge } from '../../utils/overlay/badge';
import { observe, OWN_TAG } from '../../utils/overlay/observe';

function item(id: string): HTMLDivElement {
  const el = document.createElement('div');
  el.className = 'item';
  el.id = id;
  return el;
}

const flushMutations = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('observe (element discovery)', () => {
  it('reports present and later-added items once each, in batches, and ignores its own nodes', async () => {
    document.body.replaceChildren(item('a'));
    const batches: string[][] = [];
    const controller = new AbortController();
    observe('.item', (els) => batches.push(els.map((e) => e.id)), {
      signal: controller.signal,
      schedule: (cb) => cb(),
    });

    const wrapper = document.createElement('section');
    wrapper.append(item('c'), item('d'));
    document.body.append(item('b'), wrapper);
    document.getElementById('a')!.append(document.createElement(OWN_TAG)); // our badge: not a new item
    await flushMutations();
    document.body.append(document.getElementById('b')!); // moved, not new
    await flushMutations();

    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    controller.abort();
  });

  it('stops reporting after abort', async () => {
    document.body.replaceChildren();
    const found: Element[] = [];
    const controller = new AbortController();
    observe('.item', (els) => found.push(...els), { signal: controller.signal, schedule: (cb) => cb() });
    controller.abort();
    document.body.append(item('late'));
    await flushMutations();
    expect(found).toHaveLength(0);
  });
});

describe('badge', () => {
  it('renders summary numbers as text and a hostile verdict message as text', () => {
    const opened: number[] = [];
    const badge = createBadge(document, () => opened.push(1));
    badge.render({
      kind: 'summary',
      summary: {
        site: 's',
        itemKey: 'k',
        audits: 7,
        incorrect: 2,
        overturns: 1,
        lastVerdict: 'incorrect',
        lastAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
        policies: [],
      },
    });
    const button = badge.host.shadowRoot!.querySelector('button')!;
    expect(button.getAttribute('aria-label')).toBe(
      'QA Lens: 7 audits, 2 incorrect, 1 overturn; last verdict incorrect 3 days ago',
    );
    expect(badge.host.dataset.verdict).toBe('incorrect');

    badge.render({ kind: 'error', message: '<script>alert(1)</script>' });
    expect(button.title).toBe('QA Lens: <script>alert(1)</script>');
    expect(badge.host.shadowRoot!.querySelector('script')).toBeNull();

    button.click();
    expect(opened).toEqual([1]);
  });
});
