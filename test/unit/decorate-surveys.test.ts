import { describe, expect, it } from 'vitest';
import { emptySummary, type ItemRef } from '../../contract';
import { builtinAdapters } from '../../utils/adapters/builtin';
import { badgeHostOf } from '../../utils/overlay/badge-anchor';
import { createDecorator } from '../../utils/overlay/decorate';

/*
 * What the always-loaded overlay does for surveys, and nothing more: badge hosts name their item
 * (so the survey script finds where to put a card), and lookups carry the item's fields only on
 * sites an open survey may target.
 */

const adapter = { ...builtinAdapters[0]!, badge: { position: 'append' as const } };

function card(id: string, category: string): HTMLElement {
  const el = document.createElement('article');
  el.className = 'mq-card';
  el.dataset.itemId = id;
  const dd = document.createElement('dd');
  dd.className = 'mq-card__category';
  dd.textContent = category;
  el.append(dd);
  return el;
}

async function decorate(withFields: boolean) {
  const asked: ItemRef[][] = [];
  const decorator = createDecorator(
    adapter,
    {
      lookup: async (items) => {
        asked.push(items);
        const answered = items.map((ref) => ({ ...ref, summary: emptySummary(ref), freshness: 'fresh' as const }));
        return { signedIn: true, items: answered };
      },
      openPanel: () => undefined,
      url: () => new URL('http://localhost/moderation/queues/posts'),
      withFields,
    },
    new AbortController().signal,
  );
  const cards = [card('PST-1', 'Humor'), card('PST-2', 'News')];
  document.body.replaceChildren(...cards);
  decorator.watcher.found(cards, true);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { asked, cards };
}

describe('the overlay’s part in surveys', () => {
  it('registers each badge for its item in the isolated world, with nothing on the host for the page', async () => {
    const { cards } = await decorate(false);
    const hosts = cards.map((c) => c.querySelector('qa-lens-badge')!);
    expect(['PST-1', 'PST-2'].map((key) => badgeHostOf(`demo-moderation ${key}`))).toEqual(hosts);
    expect(hosts.every((host) => host.attributes.length === 0)).toBe(true);
    hosts[0]!.remove();
    expect(badgeHostOf('demo-moderation PST-1')).toBeNull();
  });

  it('sends item fields with lookups only where a survey may target them', async () => {
    expect((await decorate(false)).asked).toEqual([
      [
        { site: 'demo-moderation', itemKey: 'PST-1' },
        { site: 'demo-moderation', itemKey: 'PST-2' },
      ],
    ]);
    expect((await decorate(true)).asked).toEqual([
      [
        { site: 'demo-moderation', itemKey: 'PST-1', fields: { queue: 'posts', category: 'Humor' } },
        { site: 'demo-moderation', itemKey: 'PST-2', fields: { queue: 'posts', category: 'News' } },
      ],
    ]);
  });
});
