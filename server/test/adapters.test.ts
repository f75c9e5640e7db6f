import { beforeEach, expect, it } from 'vitest';
import {
  AdapterHistoryResponse,
  AdapterListResponse,
  AdapterRecord,
  ApiErrorBody,
  SiteAdapter,
  type SiteAdapterInput,
} from '../../contract';
import { seedDatabase } from '../seed';
import { describeEachDatabase } from './databases';
import { adapterDoc } from './fixtures';
import { useTestApp, type Caller } from './harness';

describeEachDatabase('site adapters', (database) => {
  const t = useTestApp(database);
  let admin: Caller;

  beforeEach(async () => {
    admin = await t.caller('ada.admin', ['admin']);
  });

  const publish = (doc: SiteAdapterInput | Record<string, unknown>, id = String(doc.id), token = admin.token) =>
    t.request('PUT', `/v1/adapters/${id}`, { token, json: doc });
  const published = async (doc: SiteAdapterInput, status = 201) => {
    const res = await publish(doc);
    expect(res.status).toBe(status);
    return AdapterRecord.parse(await res.json());
  };
  const pull = async (query: string, token = admin.token) => {
    const res = await t.request('GET', `/v1/adapters?${query}`, { token });
    expect(res.status).toBe(200);
    return AdapterListResponse.parse(await res.json());
  };
  const toggle = (id: string, action: 'disable' | 'enable', token = admin.token) =>
    t.request('POST', `/v1/adapters/${id}/${action}`, { token });
  const history = async (id: string) => {
    const res = await t.request('GET', `/v1/adapters/${id}/history`, { token: admin.token });
    expect(res.status).toBe(200);
    return AdapterHistoryResponse.parse(await res.json()).entries;
  };
  const error = async (res: Response, status: number) => {
    expect(res.status).toBe(status);
    return ApiErrorBody.parse(await res.json()).error;
  };

  it('publishes a new adapter with 201, defaults applied, a revision and a history row', async () => {
    const record = await published(adapterDoc());
    expect(record.adapter).toEqual(SiteAdapter.parse(adapterDoc()));
    expect(record.adapter).toMatchObject({ enabled: true, badge: { position: 'append' } });
    expect(record.revision).toBeGreaterThan(0);
    expect(record.updatedBy).toBe('ada.admin');
    const entries = await history('acme-queue');
    expect(entries).toEqual([
      { version: 1, action: 'published', actor: 'ada.admin', at: entries[0]!.at, adapter: record.adapter },
    ]);
  });

  it('requires exactly the next version, with a message naming it', async () => {
    const first = await published(adapterDoc());
    for (const version of [1, 3]) {
      const { code, message } = await error(await publish(adapterDoc({ version, name: 'Other' })), 409);
      expect(code).toBe('conflict');
      expect(message).toBe('Adapter acme-queue is at version 1; publish version 2');
    }
    const fresh = await error(await publish(adapterDoc({ id: 'fresh', version: 2 })), 409);
    expect(fresh.message).toBe('Adapter fresh does not exist yet; publish version 1');

    const second = await published(adapterDoc({ version: 2, name: 'Renamed' }), 200);
    expect(second.adapter.name).toBe('Renamed');
    expect(second.revision).toBeGreaterThan(first.revision);
    expect((await history('acme-queue')).map((e) => e.version)).toEqual([2, 1]);
  });

  it('refuses a body whose id differs from the path, storing nothing', async () => {
    const { details } = await error(await publish(adapterDoc(), 'other-id'), 400);
    expect(details?.[0]?.path).toBe('id');
    expect((await pull('since=0')).adapters).toEqual([]);
  });

  it('points validation errors at the bad field', async () => {
    const doc = adapterDoc();
    const bad = {
      ...doc,
      item: { ...doc.item, key: { from: 'attribute' }, fields: { queue: { from: 'text', pattern: '(unclosed' } } },
    };
    const { code, details } = await error(await publish(bad), 400);
    expect(code).toBe('invalid_request');
    expect(details?.map((d) => d.path).sort()).toEqual(['item.fields.queue.pattern', 'item.key.name']);
    expect(details?.find((d) => d.path === 'item.fields.queue.pattern')?.message).toBe(
      'not a valid regular expression',
    );
    expect((await pull('since=0')).adapters).toEqual([]);
  });

  it('lets only admins publish, toggle and read history; any signed-in role pulls', async () => {
    await published(adapterDoc());
    const moderator = await t.caller('mod.one', ['moderator']);
    const analyst = await t.caller('ana', ['analyst']);
    for (const caller of [moderator, analyst]) {
      expect((await publish(adapterDoc({ version: 2 }), 'acme-queue', caller.token)).status).toBe(403);
      expect((await toggle('acme-queue', 'disable', caller.token)).status).toBe(403);
      const trail = await t.request('GET', '/v1/adapters/acme-queue/history', { token: caller.token });
      expect(trail.status).toBe(403);
      expect((await pull('since=0', caller.token)).adapters).toHaveLength(1);
    }
    expect((await t.request('GET', '/v1/adapters')).status).toBe(401);
    expect((await t.request('PUT', '/v1/adapters/acme-queue', { json: adapterDoc({ version: 2 }) })).status).toBe(401);
  });

  it('pulls by revision in pages, and a disable or enable comes back as a newer revision', async () => {
    const a = await published(adapterDoc({ id: 'a' }));
    const b = await published(adapterDoc({ id: 'b' }));
    const c = await published(adapterDoc({ id: 'c' }));

    const page1 = await pull('since=0&limit=2');
    expect(page1.adapters.map((r) => r.adapter.id)).toEqual(['a', 'b']);
    expect(page1).toMatchObject({ cursor: b.revision, hasMore: true });
    const page2 = await pull(`since=${page1.cursor}&limit=2`);
    expect(page2.adapters.map((r) => r.adapter.id)).toEqual(['c']);
    expect(page2).toMatchObject({ cursor: c.revision, hasMore: false });
    expect(await pull(`since=${page2.cursor}`)).toEqual({ adapters: [], cursor: c.revision, hasMore: false });
    // A page that ends exactly at the last adapter has no more after it.
    expect(await pull('since=0&limit=3')).toMatchObject({ cursor: c.revision, hasMore: false });
    expect((await pull(`since=${a.revision}`)).adapters.map((r) => r.adapter.id)).toEqual(['b', 'c']);

    const disabled = await toggle('a', 'disable');
    expect(disabled.status).toBe(200);
    const off = AdapterRecord.parse(await disabled.json());
    expect(off.adapter).toMatchObject({ id: 'a', version: 1, enabled: false });
    expect(off.revision).toBeGreaterThan(c.revision);
    const afterDisable = await pull(`since=${page2.cursor}`);
    expect(afterDisable.adapters).toEqual([off]);
    expect(afterDisable.cursor).toBe(off.revision);

    // Disabling again changes nothing, so clients are not woken.
    const again = AdapterRecord.parse(await (await toggle('a', 'disable')).json());
    expect(again).toEqual(off);
    expect((await pull(`since=${off.revision}`)).adapters).toEqual([]);

    const on = AdapterRecord.parse(await (await toggle('a', 'enable')).json());
    expect(on.adapter.enabled).toBe(true);
    expect(on.revision).toBeGreaterThan(off.revision);
    expect((await pull(`since=${off.revision}`)).adapters.map((r) => r.adapter.enabled)).toEqual([true]);
  });

  it('keeps a disabled adapter disabled when published so, and in the full pull', async () => {
    await published(adapterDoc({ enabled: false }));
    const { adapters } = await pull('since=0');
    expect(adapters.map((r) => [r.adapter.id, r.adapter.enabled])).toEqual([['acme-queue', false]]);
  });

  it('refuses out-of-range pull parameters', async () => {
    for (const query of ['limit=0', 'limit=501', 'since=-1', 'since=abc', 'limit=2.5']) {
      const { details } = await error(await t.request('GET', `/v1/adapters?${query}`, { token: admin.token }), 400);
      expect(details?.[0]?.path).toBe(query.split('=')[0]);
    }
    expect((await pull('limit=500')).hasMore).toBe(false);
  });

  it('answers 404 for toggling or reading history of an unknown adapter', async () => {
    expect((await error(await toggle('nope', 'disable'), 404)).message).toContain('nope');
    await error(await toggle('nope', 'enable'), 404);
    await error(await t.request('GET', '/v1/adapters/nope/history', { token: admin.token }), 404);
  });

  it('lists history newest first with the document as it was', async () => {
    await published(adapterDoc());
    await published(adapterDoc({ version: 2, name: 'Second' }), 200);
    await toggle('acme-queue', 'disable');
    const ops = await t.caller('ops.admin', ['admin']);
    await toggle('acme-queue', 'enable', ops.token);

    const entries = await history('acme-queue');
    expect(entries.map((e) => [e.action, e.version, e.actor, e.adapter.enabled, e.adapter.name])).toEqual([
      ['enabled', 2, 'ops.admin', true, 'Second'],
      ['disabled', 2, 'ada.admin', false, 'Second'],
      ['published', 2, 'ada.admin', true, 'Second'],
      ['published', 1, 'ada.admin', true, 'Acme review queue'],
    ]);
    const times = entries.map((e) => Date.parse(e.at));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    const [record] = (await pull('since=0')).adapters;
    expect(record?.updatedBy).toBe('ops.admin');
  });

  it('seeds adapters once per version and leaves newer published versions alone', async () => {
    const publisher = { id: 'seed.admin', name: 'Seed', roles: ['admin' as const] };
    const docs = [
      SiteAdapter.parse(adapterDoc({ id: 'one' })),
      SiteAdapter.parse(adapterDoc({ id: 'two', version: 3 })),
    ];
    await seedDatabase(t.db, { users: [publisher], events: [], adapters: docs, publisher: publisher.id });
    const first = await pull('since=0');
    expect(first.adapters.map((r) => [r.adapter.id, r.adapter.version, r.updatedBy])).toEqual([
      ['one', 1, 'seed.admin'],
      ['two', 3, 'seed.admin'],
    ]);

    // A restart with the same file writes nothing.
    await seedDatabase(t.db, { users: [publisher], events: [], adapters: docs, publisher: publisher.id });
    expect((await pull(`since=${first.cursor}`)).adapters).toEqual([]);
    expect(await history('one')).toHaveLength(1);

    // The file moves on (skipping versions is fine); an admin's newer version of "two" wins over the file.
    await published(adapterDoc({ id: 'two', version: 4, name: 'Admin edit' }), 200);
    const bumped = [SiteAdapter.parse(adapterDoc({ id: 'one', version: 3, name: 'Seed v3' })), docs[1]!];
    await seedDatabase(t.db, { users: [publisher], events: [], adapters: bumped, publisher: publisher.id });
    const { adapters } = await pull('since=0');
    expect(adapters.map((r) => [r.adapter.id, r.adapter.version, r.adapter.name])).toEqual([
      ['two', 4, 'Admin edit'],
      ['one', 3, 'Seed v3'],
    ]);
    expect((await history('one')).map((e) => e.version)).toEqual([3, 1]);

    await expect(seedDatabase(t.db, { users: [], events: [], adapters: docs })).rejects.toThrow(/publisher/);
  });
});
