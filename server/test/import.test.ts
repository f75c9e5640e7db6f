import { count, eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import {
  ApiErrorBody,
  ImportJob,
  ImportJobListResponse,
  ImportResponse,
  ImportResult,
  IMPORT_MAX_ROWS,
  QualityEventInput,
} from '../../contract';
import { itemSummaries, qualityEvents, users } from '../db/schema';
import { PROGRESS_ROWS } from '../import';
import { getJob, listJobs } from '../import-jobs';
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

/** A request body that arrives in the given chunks, waiting for `gate` before the chunk at `pauseAt`. */
function chunkedBody(chunks: Uint8Array[], pause?: { at: number; gate: Promise<void> }) {
  let index = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (pause && index === pause.at) await pause.gate;
        const chunk = chunks[index++];
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

/** `text` as UTF-8, cut every `size` bytes. */
function cut(text: string, size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

describeEachDatabase('streamed quality-event import and its jobs', (database) => {
  const t = useTestApp(database);

  let token: string;
  beforeEach(async () => {
    token = (await t.caller('ana', ['analyst'])).token;
  });
  const stream = (body: ReadableStream<Uint8Array>, contentType = 'application/x-ndjson') =>
    t.app.request('/v1/quality-events/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
      duplex: 'half',
    } as RequestInit);
  const upload = (body: string, contentType = 'application/x-ndjson') =>
    t.request('POST', '/v1/quality-events/import', { token, body, contentType });
  const job = async (id: string) =>
    ImportJob.parse(await (await t.request('GET', `/v1/quality-events/imports/${id}`, { token })).json());
  const storedCount = async () => (await t.db.select({ n: count() }).from(qualityEvents))[0]!.n;

  it('imports a body of many chunks with multi-byte characters cut across them, a BOM and CRLF endings', async () => {
    const note = 'überprüft: 漢字 😀';
    const rows = Array.from({ length: 3000 }, (_, i) => eventRow({ id: `s-${i}`, itemKey: `item-${i % 7}`, note }));
    const text = `\uFEFF${ndjson(rows).replace(/\n/g, '\r\n')}`;
    // 1,000-byte chunks: far smaller than the body, and never aligned with a character or a line.
    const res = await stream(chunkedBody(cut(text, 1000)));
    expect(res.status).toBe(200);
    const result = ImportResult.parse(await res.json());
    expect(result).toEqual({ received: 3000, inserted: 3000, duplicates: 0, itemsUpdated: 7, jobId: result.jobId });
    const notes = await t.db.selectDistinct({ note: qualityEvents.note }).from(qualityEvents);
    expect(notes).toEqual([{ note }]);
    expect(await job(result.jobId)).toMatchObject({
      status: 'succeeded',
      createdBy: 'ana',
      format: 'ndjson',
      rowsRead: 3000,
      rowsValid: 3000,
      inserted: 3000,
      duplicates: 0,
      itemsUpdated: 7,
      problems: [],
      error: null,
    });
  });

  it('names a bad row in a streamed CSV by line and field, stores nothing, and records the failed job', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => eventRow({ id: `c-${i}` }));
    rows[1200] = { ...rows[1200]!, verdict: 'sort-of' as never };
    const res = await stream(chunkedBody(cut(csv(rows), 777)), 'text/csv');
    expect(res.status).toBe(422);
    const { error } = ApiErrorBody.parse(await res.json());
    // Line 1 is the header, so row index 1200 is on line 1202.
    expect(error.details).toEqual([expect.objectContaining({ line: 1202, path: 'verdict' })]);
    expect(error.totalDetails).toBe(1);
    expect(await storedCount()).toBe(0);
    expect(await t.db.select().from(itemSummaries)).toEqual([]);

    const { jobs } = ImportJobListResponse.parse(
      await (await t.request('GET', '/v1/quality-events/imports', { token })).json(),
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      status: 'failed',
      format: 'csv',
      rowsRead: 2500,
      rowsValid: 2499,
      inserted: null,
      totalProblems: 1,
      problems: [expect.objectContaining({ line: 1202, path: 'verdict' })],
      error: { code: 'invalid_rows', message: '1 row(s) are invalid; nothing was imported' },
    });
  });

  it('re-imports a file as a no-op: every row a duplicate, no summary revision moves', async () => {
    const body = ndjson([eventRow({ id: 'n1' }), eventRow({ id: 'n2', itemKey: 'item-2', verdict: 'incorrect' })]);
    expect((await upload(body)).status).toBe(200);
    const snapshot = async () => ({
      events: await t.db.select().from(qualityEvents).orderBy(qualityEvents.id),
      summaries: await t.db.select().from(itemSummaries).orderBy(itemSummaries.itemKey),
    });
    const before = await snapshot();
    const again = ImportResult.parse(await (await upload(body)).json());
    expect(again).toMatchObject({ received: 2, inserted: 0, duplicates: 2, itemsUpdated: 0 });
    expect(await snapshot()).toEqual(before);
    expect(await job(again.jobId)).toMatchObject({ status: 'succeeded', inserted: 0, duplicates: 2 });
  });

  it('stores text that array literals must escape exactly as sent', async () => {
    const notes = ['a "quoted" word', 'back\\slash \\" both', '{braces}, commas', 'NULL', ' spaced ', 'tab\there'];
    const rows = notes.map((note, i) => eventRow({ id: `esc-${i}`, note, actor: i === 0 ? null : `mod.${i}` }));
    expect((await upload(ndjson(rows))).status).toBe(200);
    const stored = await t.db
      .select({ note: qualityEvents.note, actor: qualityEvents.actor })
      .from(qualityEvents)
      .orderBy(qualityEvents.id);
    expect(stored).toEqual(notes.map((note, i) => ({ note, actor: i === 0 ? null : `mod.${i}` })));
  });

  it('keeps the first of two rows with one id in a file, and counts the second a duplicate', async () => {
    const res = await upload(
      ndjson([eventRow({ id: 'd1', decision: 'first' }), eventRow({ id: 'd1', decision: 'second' })]),
    );
    expect(ImportResult.parse(await res.json())).toMatchObject({ received: 2, inserted: 1, duplicates: 1 });
    expect(await t.db.select({ decision: qualityEvents.decision }).from(qualityEvents)).toEqual([
      { decision: 'first' },
    ]);
  });

  it('answers 404 for an unknown job, 400 for a malformed id, and 403 to a moderator', async () => {
    const missing = await t.request('GET', '/v1/quality-events/imports/0190a3c4-0000-7000-8000-000000000000', {
      token,
    });
    expect(missing.status).toBe(404);
    expect((await t.request('GET', '/v1/quality-events/imports/not-a-uuid', { token })).status).toBe(400);
    const moderator = await t.caller('mod.one', ['moderator']);
    const refused = await t.request('GET', '/v1/quality-events/imports', { token: moderator.token });
    expect(refused.status).toBe(403);
  });

  it.skipIf(database.name === 'pglite')(
    'shows a running job and its progress to another connection while the body is still arriving',
    async () => {
      const rows = Array.from({ length: 25_000 }, (_, i) => eventRow({ id: `p-${i}`, itemKey: `item-${i % 100}` }));
      const chunks = cut(ndjson(rows), 64 * 1024);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      // Pause two thirds in: more than PROGRESS_ROWS rows have been read by then.
      const pending = stream(chunkedBody(chunks, { at: Math.floor((chunks.length * 2) / 3), gate }));
      // A second pool, as a second API process would have: it sees only what is committed.
      const other = await t.connectAgain();
      try {
        let running: ImportJob | undefined;
        for (let tries = 0; tries < 200 && !running; tries += 1) {
          const [listed] = await listJobs(other.db, 1);
          if (listed?.status === 'running' && listed.rowsRead >= PROGRESS_ROWS) running = listed;
          else await new Promise((resolve) => setTimeout(resolve, 25));
        }
        expect(running).toMatchObject({ status: 'running', createdBy: 'ana', inserted: null });
        expect(running!.rowsRead % PROGRESS_ROWS).toBe(0);
        // The rows read so far are in the import's transaction, not visible to anyone else.
        expect((await other.db.select({ n: count() }).from(qualityEvents))[0]!.n).toBe(0);
        release();
        const res = await pending;
        expect(ImportResult.parse(await res.json())).toMatchObject({ received: 25_000, inserted: 25_000 });
        expect(await getJob(other.db, running!.id)).toMatchObject({ status: 'succeeded', rowsRead: 25_000 });
      } finally {
        release();
        await other.close();
      }
    },
  );
});
