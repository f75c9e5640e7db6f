import { beforeEach, expect, it } from 'vitest';
import { ApiErrorBody, LookupResponse, QualityEventInput, type Role } from '../../contract';
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
      lastVerdict: 'correct',
      lastAt: '2024-01-03T09:00:00.000Z',
      policies: ['adult', 'hate', 'spam'],
    });
    expect(items[0]!.summary).toMatchObject({
      audits: 1,
      incorrect: 0,
      overturns: 0,
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
        lastVerdict: null,
        lastAt: null,
        policies: [],
      },
      events: [],
    });
    expect(items[3]!.summary).toMatchObject({ audits: 1, incorrect: 1, policies: ['zzz'] });
  });

  it('returns events newest first, tie broken by id, limited by eventsLimit (default 20)', async () => {
    const all = await ok(['analyst'], { items: [{ site: S, itemKey: 'A' }] });
    expect(all.items[0]!.events.map((e) => e.id)).toEqual(['a-e4', 'a-e3', 'a-e2', 'a-e1']);
    expect(all.items[0]!.events[2]!.occurredAt).toBe('2024-01-02T07:00:00.000Z');

    const two = await ok(['analyst'], {
      items: [
        { site: S, itemKey: 'A' },
        { site: S, itemKey: 'B' },
      ],
      eventsLimit: 2,
    });
    expect(two.items.map((i) => i.events.map((e) => e.id))).toEqual([['a-e4', 'a-e3'], ['b-e1']]);

    const none = await ok(['analyst'], { items: [{ site: S, itemKey: 'A' }], eventsLimit: 0 });
    expect(none.items[0]!.events).toEqual([]);
    expect(none.items[0]!.summary.audits).toBe(4);
  });

  it('shows a moderator or evaluator only their own actor, and analysts everyone', async () => {
    const actors = async (roles: Role[]) =>
      (await ok(roles, { items: [{ site: S, itemKey: 'A' }] }, 'mod.one')).items[0]!.events.map((e) => [e.id, e.actor]);
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
