import { describe, expect, it } from 'vitest';
import { badgeButton, createBadge } from '../../utils/overlay/badge';
import { createDiscovery, OWN_TAG, type Watcher } from '../../utils/overlay/discovery';

function item(id: string, key = id): HTMLDivElement {
  const el = document.createElement('div');
  el.className = 'item';
  el.id = id;
  el.dataset.key = key;
  return el;
}

const flushMutations = () => new Promise((resolve) => setTimeout(resolve, 0));

function recorder(selector = '.item') {
  const log = {
    found: [] as { ids: string[]; immediate: boolean }[],
    changed: [] as string[],
    removed: [] as Element[],
  };
  const watcher: Watcher = {
    selector,
    shadowHosts: [],
    keyAttributes: ['data-key'],
    found: (els, immediate) => log.found.push({ ids: els.map((e) => e.id), immediate }),
    changed: (el) => log.changed.push(el.id),
    removed: () => undefined,
    badgeRemoved: (host) => log.removed.push(host),
  };
  return { log, watcher };
}

describe('discovery (one observer for every adapter)', () => {
  it('reports present and later-added items once each, and ignores its own nodes', async () => {
    document.body.replaceChildren(item('a'));
    const controller = new AbortController();
    const { log, watcher } = recorder();
    createDiscovery({ signal: controller.signal, nextFrame: (cb) => cb() }).watch(watcher);

    const wrapper = document.createElement('section');
    wrapper.append(item('c'), item('d'));
    document.body.append(item('b'), wrapper);
    document.getElementById('a')!.append(document.createElement(OWN_TAG)); // our badge: not a new item
    await flushMutations();
    document.body.append(document.getElementById('b')!); // moved, not new
    await flushMutations();

    expect(log.found.flatMap((f) => f.ids)).toEqual(['a', 'b', 'c', 'd']);
    expect(log.found.every((f) => f.immediate)).toBe(true);
    controller.abort();
  });

  it('hands a large batch over in slices, flagged for lazy decoration', () => {
    const many = Array.from({ length: 1200 }, (_, i) => item(`i${i}`));
    document.body.replaceChildren(...many);
    const frames: (() => void)[] = [];
    const { log, watcher } = recorder();
    let clock = 0;
    createDiscovery({
      signal: new AbortController().signal,
      nextFrame: (cb) => frames.push(cb),
      now: () => (clock += 1), // every check costs 1 ms: forces several slices
    }).watch(watcher);
    while (frames.length > 0) frames.shift()!();
    expect(log.found.flatMap((f) => f.ids)).toHaveLength(1200);
    expect(log.found.length).toBeGreaterThan(1);
    expect(log.found.every((f) => !f.immediate)).toBe(true);
  });

  it('reports a changed key attribute and a badge the page removed', async () => {
    const a = item('a');
    document.body.replaceChildren(a);
    const { log, watcher } = recorder();
    createDiscovery({ signal: new AbortController().signal }).watch(watcher);
    const badge = document.createElement(OWN_TAG);
    a.append(badge);
    await flushMutations();

    a.dataset.key = 'reused-for-another-item';
    badge.remove();
    await flushMutations();
    expect(log.changed).toEqual(['a']);
    expect(log.removed).toEqual([badge]);
  });

  it('stops reporting after abort', async () => {
    document.body.replaceChildren();
    const controller = new AbortController();
    const { log, watcher } = recorder();
    createDiscovery({ signal: controller.signal }).watch(watcher);
    controller.abort();
    document.body.append(item('late'));
    await flushMutations();
    expect(log.found).toHaveLength(0);
  });
});

describe('badge', () => {
  it('renders summary numbers and a hostile message as text, and ignores clicks from page script', () => {
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
        goldChecks: 2,
        lastVerdict: 'incorrect',
        lastAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
        policies: [],
      },
    });
    // The root is closed: page script sees no shadowRoot and no data on the host.
    expect(badge.host.shadowRoot).toBeNull();
    expect(badge.host.attributes).toHaveLength(0);
    const button = badgeButton(badge.host)!;
    expect(button.getAttribute('aria-label')).toBe(
      'QA Lens: High risk, 7 audits, 2 incorrect, 1 overturned, gold item (2 checks), last verdict incorrect 3 days ago',
    );
    expect(button.dataset.verdict).toBe('incorrect');

    badge.render({ kind: 'error', message: '<script>alert(1)</script>' });
    expect(button.title).toBe('QA Lens: <script>alert(1)</script>');
    expect(button.querySelector('script')).toBeNull();

    button.click(); // a script's click, as a page could do: ignored
    expect(opened).toEqual([]);
    button.dispatchEvent(new MouseEvent('click'));
    expect(opened).toEqual([]);
  });
});

describe('discovery with two adapters on the same elements', () => {
  it('reports each element to every watcher that wants it', () => {
    document.body.replaceChildren(item('a'), item('b'));
    const first = recorder();
    const second = recorder('.item[data-key]');
    const discovery = createDiscovery({ signal: new AbortController().signal, nextFrame: (cb) => cb() });
    discovery.watch(first.watcher);
    discovery.watch(second.watcher);
    expect(first.log.found.flatMap((f) => f.ids)).toEqual(['a', 'b']);
    expect(second.log.found.flatMap((f) => f.ids)).toEqual(['a', 'b']);
  });
});

describe('discovery and removals', () => {
  it('reports a badge removed inside a re-rendered wrapper, and items that left the page', async () => {
    const row = item('a');
    const head = document.createElement('div');
    const badge = document.createElement(OWN_TAG);
    head.append(badge);
    row.append(head);
    document.body.replaceChildren(row);
    const removedItems: string[] = [];
    const { log, watcher } = recorder();
    watcher.removed = (el) => removedItems.push(el.id);
    createDiscovery({ signal: new AbortController().signal }).watch(watcher);

    head.remove(); // the app re-renders the header, our badge with it
    await flushMutations();
    expect(log.removed).toEqual([badge]);

    row.remove();
    await flushMutations();
    expect(removedItems).toEqual(['a']);
  });

  it('does not count its own badges as new items', async () => {
    document.body.replaceChildren(item('a'));
    const { log, watcher } = recorder();
    createDiscovery({ signal: new AbortController().signal }).watch(watcher);
    for (let i = 0; i < 150; i++) document.getElementById('a')!.append(document.createElement(OWN_TAG));
    document.body.append(item('b'));
    await flushMutations();
    expect(log.found.at(-1)).toEqual({ ids: ['b'], immediate: true });
  });
});

describe('discovery inside open shadow roots', () => {
  function host(tag: string, mode: ShadowRootMode = 'open'): { el: HTMLElement; root: ShadowRoot } {
    const el = document.createElement(tag);
    return { el, root: el.attachShadow({ mode }) };
  }

  it('follows the adapter path through two levels, and sees items added there later', async () => {
    const outer = host('review-queue');
    const inner = host('review-list');
    outer.root.append(inner.el);
    inner.root.append(item('a'), item('b'));
    // The same selector in the light DOM is another adapter's business, not this path's.
    document.body.replaceChildren(outer.el, item('light'));
    const { log, watcher } = recorder();
    const controller = new AbortController();
    createDiscovery({ signal: controller.signal, nextFrame: (cb) => cb() }).watch({
      ...watcher,
      shadowHosts: ['review-queue', 'review-list'],
    });
    expect(log.found).toEqual([{ ids: ['a', 'b'], immediate: true }]);

    inner.root.append(item('c'));
    await flushMutations();
    expect(log.found.at(-1)).toEqual({ ids: ['c'], immediate: true });
    controller.abort();
  });

  it('enters a host added after the page run started', async () => {
    document.body.replaceChildren();
    const { log, watcher } = recorder();
    const controller = new AbortController();
    createDiscovery({ signal: controller.signal, nextFrame: (cb) => cb() }).watch({
      ...watcher,
      shadowHosts: ['review-list'],
    });
    const later = host('review-list');
    later.root.append(item('x'));
    document.body.append(later.el);
    await flushMutations();
    expect(log.found).toEqual([{ ids: ['x'], immediate: true }]);
    controller.abort();
  });

  it('cannot enter a closed shadow root', async () => {
    const closed = host('review-list', 'closed');
    closed.root.append(item('hidden'));
    document.body.replaceChildren(closed.el);
    const { log, watcher } = recorder();
    const controller = new AbortController();
    createDiscovery({ signal: controller.signal, nextFrame: (cb) => cb() }).watch({
      ...watcher,
      shadowHosts: ['review-list'],
    });
    await flushMutations();
    expect(log.found).toEqual([]);
    controller.abort();
  });
});
