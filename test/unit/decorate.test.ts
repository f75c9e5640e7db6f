import { describe, expect, it } from 'vitest';
import { emptySummary, type ItemRef } from '../../contract';
import type { ItemState } from '../../utils/messaging/protocol';
import { builtinAdapters } from '../../utils/adapters/builtin';
import { badgeButton } from '../../utils/overlay/badge';
import { BLOCK } from '../../utils/overlay/lazy-blocks';
import { createDecorator, type VisibilityObserver } from '../../utils/overlay/decorate';

const adapter = { ...builtinAdapters[0]!, badge: { position: 'append' as const } };

function card(id: string): HTMLElement {
  const el = document.createElement('article');
  el.className = 'mq-card';
  el.dataset.itemId = id;
  return el;
}

function setup() {
  const asked: ItemRef[][] = [];
  const observed = new Set<Element>();
  let reveal: (elements: Element[]) => void = () => undefined;
  const decorator = createDecorator(
    adapter,
    {
      lookup: async (items) => {
        asked.push(items);
        return {
          signedIn: true,
          items: items.map((ref) => ({
            ...ref,
            summary: { ...emptySummary(ref), audits: 2 },
            freshness: 'fresh' as const,
          })),
        };
      },
      openPanel: () => undefined,
      url: () => new URL('http://localhost/moderation/queues/videos'),
      createVisibilityObserver: (onVisible): VisibilityObserver => {
        reveal = onVisible;
        return {
          observe: (el) => observed.add(el),
          unobserve: (el) => observed.delete(el),
          disconnect: () => observed.clear(),
        };
      },
    },
    new AbortController().signal,
  );
  return { decorator, asked, observed, reveal: (els: Element[]) => reveal(els) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('decorator', () => {
  it('draws badges at once for a small batch and asks for their summaries in one message', async () => {
    const { decorator, asked } = setup();
    const cards = ['VID-1', 'VID-2'].map(card);
    document.body.replaceChildren(...cards);
    decorator.watcher.found(cards, true);
    await settle();
    expect(asked).toEqual([
      [
        { site: 'demo-moderation', itemKey: 'VID-1' },
        { site: 'demo-moderation', itemKey: 'VID-2' },
      ],
    ]);
    expect(cards.map((c) => badgeButton(c.querySelector('qa-lens-badge')!)?.dataset.state)).toEqual([
      'summary',
      'summary',
    ]);
  });

  it('in a large batch watches only the ends of each block and draws a block when it is near', async () => {
    const { decorator, asked, observed, reveal } = setup();
    const cards = Array.from({ length: BLOCK * 2 + 10 }, (_, i) => card(`VID-${i}`));
    document.body.replaceChildren(...cards);
    decorator.watcher.found(cards, false);
    const ends = [0, BLOCK - 1, BLOCK, 2 * BLOCK - 1, 2 * BLOCK, 2 * BLOCK + 9];
    expect([...observed]).toEqual(ends.map((i) => cards[i]));
    expect(document.querySelectorAll('qa-lens-badge')).toHaveLength(0);

    reveal([cards[2 * BLOCK - 1]!]);
    await settle();
    const second = cards.slice(BLOCK, 2 * BLOCK);
    expect(asked.flat().map((r) => r.itemKey)).toEqual(second.map((c) => c.dataset.itemId));
    expect(second.every((c) => c.querySelector('qa-lens-badge'))).toBe(true);
    expect(observed.has(cards[BLOCK]!)).toBe(false);
  });

  it('re-anchors a lazy block whose watched end was removed before it came into view', async () => {
    const { decorator, observed, reveal } = setup();
    const cards = Array.from({ length: 25 }, (_, i) => card(`VID-${i}`));
    document.body.replaceChildren(...cards);
    decorator.watcher.found(cards, false);
    cards[24]!.remove();
    decorator.watcher.removed(cards[24]!);
    expect([...observed]).toEqual([cards[0], cards[23]]);
    reveal([cards[23]!]);
    await settle();
    expect(cards.slice(0, 24).every((c) => c.querySelector('qa-lens-badge'))).toBe(true);
  });

  it('puts back a badge the page removed, and re-keys a reused row', async () => {
    const { decorator, asked } = setup();
    const row = card('VID-1');
    document.body.replaceChildren(row);
    decorator.watcher.found([row], true);
    await settle();
    const badge = row.querySelector('qa-lens-badge')!;
    badge.remove();
    decorator.watcher.badgeRemoved(badge);
    expect(row.querySelector('qa-lens-badge')).toBe(badge);

    row.dataset.itemId = 'VID-99';
    decorator.watcher.changed(row);
    await settle();
    expect(asked.flat().map((r) => r.itemKey)).toEqual(['VID-1', 'VID-99']);
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
      adapter,
      {
        lookup: async (items) => {
          asked.push(...items);
          return {
            signedIn: true,
            items: items.map((ref) => ({ ...ref, summary: emptySummary(ref), freshness: 'fresh' as const })),
          };
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

describe('decorator recovery from a failed lookup', () => {
  function failingThenAnswering() {
    let failing = true;
    const asked: ItemRef[][] = [];
    const timers: { run: () => void; ms: number }[] = [];
    const decorator = createDecorator(
      adapter,
      {
        lookup: async (items) => {
          asked.push(items);
          if (failing) throw new Error('QA Lens background did not answer');
          return {
            signedIn: true,
            items: items.map((ref) => ({
              ...ref,
              summary: { ...emptySummary(ref), audits: 5 },
              freshness: 'fresh' as const,
            })),
          };
        },
        openPanel: () => undefined,
        url: () => new URL('http://localhost/moderation/queues/videos'),
        retry: {
          random: () => 0,
          setTimer: (run, ms) => timers.push({ run, ms }),
          clearTimer: () => undefined,
        },
      },
      new AbortController().signal,
    );
    return { decorator, asked, timers, recover: () => (failing = false) };
  }
  const badgeText = (el: Element) => badgeButton(el.querySelector('qa-lens-badge')!)!.textContent;

  it('shows the error, then asks again with backoff until the answer comes', async () => {
    const { decorator, asked, timers, recover } = failingThenAnswering();
    const row = card('VID-9');
    document.body.replaceChildren(row);
    decorator.watcher.found([row], true);
    await settle();
    expect(badgeText(row)).toBe('QA!');
    timers.at(-1)!.run();
    await settle();
    expect(timers.map((t) => t.ms)).toEqual([500, 1000]);
    recover();
    timers.at(-1)!.run();
    await settle();
    expect(badgeText(row)).toBe('QA5');
    expect(asked).toHaveLength(3);
  });

  it('asks at once when the background says the API is back, and only for items still on the page', async () => {
    const { decorator, asked, recover } = failingThenAnswering();
    const rows = ['VID-1', 'VID-2'].map(card);
    document.body.replaceChildren(...rows);
    decorator.watcher.found(rows, true);
    await settle();
    decorator.fail(
      [{ site: 'demo-moderation', itemKey: 'VID-1' }],
      'unreachable',
      'Cannot reach the QA Lens API',
      true,
    );
    rows[1]!.remove();
    recover();
    decorator.retryNow();
    await settle();
    expect(asked.at(-1)).toEqual([{ site: 'demo-moderation', itemKey: 'VID-1' }]);
    expect(badgeText(rows[0]!)).toBe('QA5');
  });

  it('does not retry what the API refused', async () => {
    const { decorator, asked, timers } = failingThenAnswering();
    const row = card('VID-3');
    document.body.replaceChildren(row);
    decorator.watcher.found([row], true);
    await settle();
    const before = timers.length;
    decorator.fail([{ site: 'demo-moderation', itemKey: 'VID-3' }], 'unauthorized', 'token expired', false);
    decorator.retryNow();
    await settle();
    expect(asked).toHaveLength(1);
    expect(timers.length).toBe(before);
  });
});

describe('a badge goes into the page once, already answered', () => {
  function withAnswer(answer: (ref: ItemRef) => ItemState | null) {
    let inserted = 0;
    const decorator = createDecorator(
      adapter,
      {
        lookup: async (items) => ({
          signedIn: true,
          items: items.map((ref) => answer(ref) ?? { ...ref, summary: null, freshness: 'missing' as const }),
        }),
        openPanel: () => undefined,
        url: () => new URL('http://localhost/moderation/queues/videos'),
      },
      new AbortController().signal,
    );
    const observer = new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes) if (node.nodeName === 'QA-LENS-BADGE') inserted += 1;
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return { decorator, inserted: () => inserted };
  }
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const text = (el: Element) => badgeButton(el.querySelector('qa-lens-badge')!)!.textContent;

  it("waits for a missing item's answer and draws its badge with it", async () => {
    const { decorator, inserted } = withAnswer(() => null);
    const row = card('VID-3');
    document.body.replaceChildren(row);
    decorator.watcher.found([row], true);
    await wait(10);
    expect(row.querySelector('qa-lens-badge')).toBeNull();
    decorator.update([
      {
        site: 'demo-moderation',
        itemKey: 'VID-3',
        summary: { ...emptySummary({ site: 'demo-moderation', itemKey: 'VID-3' }), audits: 4 },
        freshness: 'fresh',
      },
    ]);
    expect(text(row)).toBe('QA4');
    await wait(200);
    expect(inserted()).toBe(1);
    expect(text(row)).toBe('QA4');
  });

  it('shows "loading" when the answer takes longer than a moment', async () => {
    const { decorator } = withAnswer(() => null);
    const row = card('VID-4');
    document.body.replaceChildren(row);
    decorator.watcher.found([row], true);
    await wait(200);
    expect(text(row)).toBe('QA…');
  });
});
