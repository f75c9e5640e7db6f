import { beforeEach, expect, it } from 'vitest';
import { ApiErrorBody, ItemEventsResponse, LookupResponse, QualityEventInput, type Role } from '../../contract';
import { importEvents } from '../import';
import { describeEachDatabase } from './databases';
import { eventRow } from './fixtures';
import { useTestApp } from './harness';

const S = 'demo-moderation';
/**
 * Item A: 4 events, 2 incorrect, 1 overturn (e3); e3 and e4 share the newest time, so the
 * id tie-break makes e4 (correct) the last verdict. Item B: 1 event. Site "other" reuses key A.
 */
const FIXTURE = [
  eventRow({
    id: 'a-e1',
    itemKey: 'A',
    policy: 'spam',
    verdict: 'correct',
    actor: 'mod.one',
    occurredAt: '2024-01-01T09:00:00Z',
  }),
  eventRow({
    id: 'a-e2',
    itemKey: 'A',
    policy: 'hate',
    verdict: 'incorrect',
    actor: 'mod.two',
    occurredAt: '2024-01-02T09:00:00+02:00',
  }),
  eventRow({
    id: 'a-e3',
    itemKey: 'A',
    kind: 'appeal',
    policy: 'spam',
    verdict: 'incorrect',
    actor: 'mod.one',
    occurredAt: '2024-01-03T09:00:00Z',
  }),
  eventRow({
    id: 'a-e4',
    itemKey: 'A',
    kind: 'appeal',
    policy: 'adult',
    verdict: 'correct',
    actor: 'mod.two',
    occurredAt: '2024-01-03T09:00:00Z',
  }),
  eventRow({
    id: 'b-e1',
    itemKey: 'B',
    kind: 'gold_check',
    policy: 'spam',
    verdict: 'partially_correct',
    actor: 'mod.two',
    occurredAt: '2024-02-01T00:00:00Z',
  }),
  eventRow({
    id: 'o-e1',
    site: 'other',
    itemKey: 'A',
    kind: 'consensus',
    policy: 'zzz',
    verdict: 'incorrect',
    occurredAt: '2023-12-31T00:00:00Z',
  }),
];

describeEachDatabase('item lookup', (database) => {
  const t = useTestApp(database);

  beforeEach(async () => {
    await importEvents(
      t.db,
      FIXTURE.map((row) => QualityEventInput.parse(row)),
    );
  });

  const lookup = async (roles: Role[], body: unknown, id = 'mod.one') => {
    const { token } = await t.caller(id, roles);
    return t.request('POST', '/v1/items/lookup', { token, json: body });
  };
  const ok = async (roles: Role[], body: unknown, id?: string) => {
    const res = await lookup(roles, body, id);
    expect(res.status).toBe(200);
    return LookupResponse.parse(await res.json());
  };

  it('answers summaries in request order, with an empty one for an unaudited item', async () => {
    const { items } = await ok(['analyst'], {
      items: [
        { site: S, itemKey: 'B' },
        { site: S, itemKey: 'never' },
        { site: S, itemKey: 'A' },
        { site: 'other', itemKey: 'A' },
      ],
    });
    expect(items.map((i) => `${i.site}/${i.itemKey}`)).toEqual([`${S}/B`, `${S}/never`, `${S}/A`, 'other/A']);
    expect(items[2]!.summary).toEqual({
      site: S,
      itemKey: 'A',
      audits: 4,
      incorrect: 2,
      overturns: 1,
      goldChecks: 0,
      lastVerdict: 'correct',
      lastAt: '2024-01-03T09:00:00.000Z',
      policies: ['adult', 'hate', 'spam'],
    });
    // B's one event is a gold check: a gold item.
    expect(items[0]!.summary).toMatchObject({
      audits: 1,
      incorrect: 0,
      overturns: 0,
      goldChecks: 1,
      lastVerdict: 'partially_correct',
    });
    expect(items[1]).toEqual({
      site: S,
      itemKey: 'never',
      summary: {
        site: S,
        itemKey: 'never',
        audits: 0,
        incorrect: 0,
        overturns: 0,
        goldChecks: 0,
        lastVerdict: null,
        lastAt: null,
        policies: [],
      },
    });
    expect(items[3]!.summary).toMatchObject({ audits: 1, incorrect: 1, policies: ['zzz'] });
  });

  it('answers summaries only: no events travel with a lookup', async () => {
    const { items } = await ok(['analyst'], { items: [{ site: S, itemKey: 'A' }], eventsLimit: 20 });
    expect(Object.keys(items[0]!).sort()).toEqual(['itemKey', 'site', 'summary']);
  });

  const events = async (roles: Role[], query: Record<string, string>, id = 'mod.one') => {
    const { token } = await t.caller(id, roles);
    return t.request('GET', `/v1/items/events?${new URLSearchParams(query).toString()}`, { token });
  };
  const page = async (roles: Role[], query: Record<string, string>, id?: string) => {
    const res = await events(roles, query, id);
    expect(res.status).toBe(200);
    return ItemEventsResponse.parse(await res.json());
  };

  it("pages an item's events newest first, ties broken by id, until nextCursor is null", async () => {
    const all = await page(['analyst'], { site: S, itemKey: 'A' });
    expect(all.events.map((e) => e.id)).toEqual(['a-e4', 'a-e3', 'a-e2', 'a-e1']);
    expect(all.events[2]!.occurredAt).toBe('2024-01-02T07:00:00.000Z');
    expect(all.nextCursor).toBeNull();

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const next: ItemEventsResponse = await page(['analyst'], {
        site: S,
        itemKey: 'A',
        limit: '1',
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...next.events.map((e) => e.id));
      cursor = next.nextCursor;
      pages += 1;
    } while (cursor);
    // e3 and e4 share a time: the keyset cursor must neither skip nor repeat one of them.
    expect(seen).toEqual(['a-e4', 'a-e3', 'a-e2', 'a-e1']);
    expect(pages).toBe(4);

    const other = await page(['analyst'], { site: 'other', itemKey: 'A' });
    expect(other.events.map((e) => e.id)).toEqual(['o-e1']);
    const none = await page(['moderator'], { site: S, itemKey: 'never' });
    expect(none).toEqual({ site: S, itemKey: 'never', events: [], nextCursor: null });
  });

  it('refuses a cursor it did not make and a page over the limit', async () => {
    for (const cursor of ['bm90LWEtY3Vyc29y', 'x']) {
      const res = await events(['moderator'], { site: S, itemKey: 'A', cursor });
      expect(res.status).toBe(400);
      expect(ApiErrorBody.parse(await res.json()).error.details?.[0]?.path).toBe('cursor');
    }
    const res = await events(['moderator'], { site: S, itemKey: 'A', limit: '101' });
    expect(res.status).toBe(400);
    expect(ApiErrorBody.parse(await res.json()).error.details?.[0]?.path).toBe('limit');
  });

  it('shows a moderator or evaluator only their own actor, and analysts everyone', async () => {
    const actors = async (roles: Role[]) =>
      (await page(roles, { site: S, itemKey: 'A' }, 'mod.one')).events.map((e) => [e.id, e.actor]);
    const own = [
      ['a-e4', null],
      ['a-e3', 'mod.one'],
      ['a-e2', null],
      ['a-e1', 'mod.one'],
    ];
    expect(await actors(['moderator'])).toEqual(own);
    expect(await actors(['evaluator'])).toEqual(own);
    expect(await actors(['moderator', 'analyst'])).toEqual([
      ['a-e4', 'mod.two'],
      ['a-e3', 'mod.one'],
      ['a-e2', 'mod.two'],
      ['a-e1', 'mod.one'],
    ]);
  });

  it('answers a repeated item twice', async () => {
    const { items } = await ok(['moderator'], {
      items: [
        { site: S, itemKey: 'B' },
        { site: S, itemKey: 'B' },
      ],
    });
    expect(items.map((i) => i.summary.audits)).toEqual([1, 1]);
  });

  it('takes 500 items and refuses 501 with a message naming the limit', async () => {
    const refs = (n: number) => Array.from({ length: n }, (_, i) => ({ site: S, itemKey: i === 0 ? 'A' : `k${i}` }));
    const full = await ok(['moderator'], { items: refs(500) });
    expect(full.items).toHaveLength(500);
    expect(full.items[0]!.summary.audits).toBe(4);

    const res = await lookup(['moderator'], { items: refs(501) });
    expect(res.status).toBe(400);
    const { error } = ApiErrorBody.parse(await res.json());
    expect(error.message).toContain('500');
    expect(error.details?.[0]?.path).toBe('items');
  });
});
