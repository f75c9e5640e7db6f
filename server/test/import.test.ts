import { count, eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { ApiErrorBody, ImportResponse, IMPORT_MAX_ROWS, QualityEventInput } from '../../contract';
import { itemSummaries, qualityEvents, users } from '../db/schema';
import { seedDatabase } from '../seed';
import { describeEachDatabase } from './databases';
import { csv, eventRow, ndjson } from './fixtures';
import { useTestApp } from './harness';

const ROWS = [
  eventRow({ id: 'e1', itemKey: 'item-1' }),
  eventRow({ id: 'e2', itemKey: 'item-1', verdict: 'incorrect', correctedDecision: 'keep' }),
  eventRow({ id: 'e3', itemKey: 'item-2', note: 'has, a comma\nand a newline' }),
];

describeEachDatabase('quality-event import', (database) => {
  const t = useTestApp(database);

  let token: string;
  beforeEach(async () => {
    token = (await t.caller('ana', ['analyst'])).token;
  });
  const upload = (body: string, contentType: string) =>
    t.request('POST', '/v1/quality-events/import', { token, body, contentType });
  const storedCount = async () => (await t.db.select({ n: count() }).from(qualityEvents))[0]!.n;

  it.each([
    { format: 'NDJSON', contentType: 'application/x-ndjson', body: ndjson(ROWS) },
    { format: 'CSV', contentType: 'text/csv; charset=utf-8', body: csv(ROWS) },
  ])('imports $format and re-imports it idempotently', async ({ contentType, body }) => {
    const first = await upload(body, contentType);
    expect(first.status).toBe(200);
    expect(ImportResponse.parse(await first.json())).toEqual({
      received: 3,
      inserted: 3,
      duplicates: 0,
      itemsUpdated: 2,
    });

    const [stored] = await t.db.select().from(qualityEvents).where(eq(qualityEvents.id, 'e3'));
    expect(stored).toMatchObject({ note: 'has, a comma\nand a newline', correctedDecision: null, actor: 'mod.one' });
    expect(stored?.occurredAt.toISOString()).toBe('2024-03-01T10:00:00.000Z');

    const again = await upload(body, contentType);
    expect(ImportResponse.parse(await again.json())).toEqual({
      received: 3,
      inserted: 0,
      duplicates: 3,
      itemsUpdated: 0,
    });
    expect(await storedCount()).toBe(3);
  });

  it('raises the summary revision of items a later import touches, and only theirs', async () => {
    await upload(ndjson(ROWS), 'application/x-ndjson');
    const revisions = async () =>
      Object.fromEntries((await t.db.select().from(itemSummaries)).map((s) => [s.itemKey, s.revision]));
    const before = await revisions();
    await upload(ndjson([eventRow({ id: 'e4', itemKey: 'item-2', verdict: 'incorrect' })]), 'application/x-ndjson');
    const after = await revisions();
    expect(after['item-1']).toBe(before['item-1']);
    expect(after['item-2']).toBeGreaterThan(Math.max(before['item-1']!, before['item-2']!));
    const [summary] = await t.db.select().from(itemSummaries).where(eq(itemSummaries.itemKey, 'item-2'));
    expect(summary).toMatchObject({ audits: 2, incorrect: 1 });
  });

  it('refuses a file with two bad lines among good ones, naming the lines, and stores nothing', async () => {
    const lines = [
      JSON.stringify(eventRow({ id: 'g1' })),
      JSON.stringify(eventRow({ id: 'g2' })),
      JSON.stringify({ ...eventRow({ id: 'b1' }), verdict: 'sort-of' }),
      JSON.stringify(eventRow({ id: 'g3' })),
      '',
      JSON.stringify({ ...eventRow({ id: 'b2' }), occurredAt: 'yesterday', site: 'Not A Site' }),
      JSON.stringify(eventRow({ id: 'g4' })),
    ];
    const res = await upload(lines.join('\n'), 'application/x-ndjson');
    expect(res.status).toBe(422);
    const { error } = ApiErrorBody.parse(await res.json());
    expect(error.details?.map((d) => [d.line, d.path]).sort()).toEqual([
      [3, 'verdict'],
      [6, 'occurredAt'],
      [6, 'site'],
    ]);
    expect(error.totalDetails).toBe(3);
    expect(await storedCount()).toBe(0);
    expect(await t.db.select().from(itemSummaries)).toEqual([]);
  });

  it('refuses more rows than IMPORT_MAX_ROWS', async () => {
    const res = await upload('{}\n'.repeat(IMPORT_MAX_ROWS + 1), 'application/x-ndjson');
    expect(res.status).toBe(413);
    expect(ApiErrorBody.parse(await res.json()).error.message).toContain(String(IMPORT_MAX_ROWS));
  });

  it('refuses an empty file with 422 and an unknown content type with 415', async () => {
    const empty = await upload('\n\n', 'application/x-ndjson');
    expect(empty.status).toBe(422);
    expect(ApiErrorBody.parse(await empty.json()).error.code).toBe('empty_file');

    const wrongType = await upload(ndjson(ROWS), 'text/plain');
    expect(wrongType.status).toBe(415);
    expect(await storedCount()).toBe(0);
  });

  it('seeds users and events; a later seed inserts only new events', async () => {
    const seed = {
      users: [{ id: 'mod.one', name: 'Mod One', roles: ['moderator' as const] }],
      events: ROWS.map((row) => QualityEventInput.parse(row)),
    };
    expect(await seedDatabase(t.db, seed)).toMatchObject({ inserted: 3, itemsUpdated: 2 });
    const renamed = { ...seed, users: [{ ...seed.users[0]!, name: 'Moderator One' }] };
    expect(await seedDatabase(t.db, renamed)).toEqual({ received: 3, inserted: 0, duplicates: 3, itemsUpdated: 0 });
    expect(await t.db.select({ name: users.name }).from(users).where(eq(users.id, 'mod.one'))).toEqual([
      { name: 'Moderator One' },
    ]);
    const grown = {
      ...seed,
      events: [...seed.events, QualityEventInput.parse(eventRow({ id: 'e9', itemKey: 'item-9' }))],
    };
    expect(await seedDatabase(t.db, grown)).toEqual({ received: 4, inserted: 1, duplicates: 3, itemsUpdated: 1 });
    expect(await storedCount()).toBe(4);
  });
});
