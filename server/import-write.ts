import { sql, type SQL } from 'drizzle-orm';
import type { ImportResponse, QualityEventRow } from '../contract';
import type { Database } from './db/client';

/** Rows per INSERT: one statement's arrays stay small, and the next chunk is read while one is stored. */
export const INSERT_CHUNK = 2000;
/** Serialises summary writers so revisions become visible in the order they were taken. */
const SUMMARY_LOCK_KEY = 7_346_001;

/** The columns an import writes, in the order of the arrays sent for them. */
const COLUMNS = [
  ['id', 'text'],
  ['kind', 'text'],
  ['site', 'text'],
  ['itemKey', 'text'],
  ['queue', 'text'],
  ['policy', 'text'],
  ['decision', 'text'],
  ['verdict', 'text'],
  ['correctedDecision', 'text'],
  ['actor', 'text'],
  ['auditor', 'text'],
  ['occurredAt', 'timestamptz'],
  ['guidelineVersion', 'text'],
  ['note', 'text'],
] as const satisfies readonly (readonly [keyof QualityEventRow, string])[];

type Columns = { [K in (typeof COLUMNS)[number][0]]: QualityEventRow[K][] };

const emptyColumns = () => Object.fromEntries(COLUMNS.map(([name]) => [name, []])) as unknown as Columns;

/** Both drivers answer `{ rows }`; Drizzle types the shared result as unknown. */
async function count(tx: Database, query: SQL): Promise<number> {
  const result = (await tx.execute(query)) as unknown as { rows: { n: number }[] };
  return result.rows[0]?.n ?? 0;
}

/**
 * Stores quality events inside one transaction, a chunk at a time, and keeps the touched items'
 * summaries exact when it finishes. Rows whose id is already stored (by an earlier import, or
 * earlier in the same file) are skipped. While one chunk is being stored the caller reads the next:
 * on PostgreSQL the parsing and the database's work overlap, and nothing but one chunk is held.
 */
export class EventWriter {
  private columns = emptyColumns();
  private buffered = 0;
  private inFlight: Promise<void> = Promise.resolve();
  private inserted = 0;

  private constructor(private readonly tx: Database) {}

  /** Opens a writer in `tx`; the rows it stores commit or roll back with that transaction. */
  static async open(tx: Database): Promise<EventWriter> {
    // The items rows were inserted for, one row per inserted event; gone at commit or rollback.
    await tx.execute(sql`create temp table import_touched (site text not null, item_key text not null) on commit drop`);
    return new EventWriter(tx);
  }

  /** Adds a valid row; resolves once the caller may go on reading (at most one chunk is in flight). */
  async add(row: QualityEventRow): Promise<void> {
    for (const [name] of COLUMNS) (this.columns[name] as unknown[]).push(row[name]);
    this.buffered += 1;
    if (this.buffered >= INSERT_CHUNK) await this.flush();
  }

  /** Stores what is buffered, waits for every chunk, and recomputes the touched items' summaries. */
  async finish(received: number): Promise<ImportResponse> {
    await this.flush();
    await this.inFlight;
    let itemsUpdated = 0;
    if (this.inserted > 0) {
      await this.tx.execute(sql`select pg_advisory_xact_lock(${SUMMARY_LOCK_KEY})`);
      itemsUpdated = await count(this.tx, recomputeSummaries());
    }
    return { received, inserted: this.inserted, duplicates: received - this.inserted, itemsUpdated };
  }

  private async flush(): Promise<void> {
    if (this.buffered === 0) return;
    const columns = this.columns;
    this.columns = emptyColumns();
    this.buffered = 0;
    // Sequential on the one connection; awaiting the previous chunk surfaces its error here.
    await this.inFlight;
    this.inFlight = count(this.tx, insertChunk(columns)).then((n) => void (this.inserted += n));
    // An error is reported by the next await of inFlight; this keeps it from being "unhandled" meanwhile.
    this.inFlight.catch(() => undefined);
  }
}

const NEEDS_ESCAPE = /["\\]/;

/**
 * `values` as a PostgreSQL array literal (`{"a","b",NULL}`), sent as one text parameter. The drivers'
 * own array serialisers cost the import 9 µs a row (two regex replaces per element, P4's CPU
 * profile); this escapes only the rare element holding a quote or a backslash.
 */
export function arrayLiteral(values: readonly (string | null)[]): string {
  const elements = values.map((value) =>
    value === null ? 'NULL' : `"${NEEDS_ESCAPE.test(value) ? value.replace(/["\\]/g, '\\$&') : value}"`,
  );
  return `{${elements.join(',')}}`;
}

/** One INSERT of a chunk as column arrays (unnest): 14 parameters whatever the chunk's size. */
function insertChunk(columns: Columns): SQL {
  const arrays = sql.join(
    COLUMNS.map(([name, type]) => sql`${arrayLiteral(columns[name])}::text::${sql.raw(type)}[]`),
    sql`, `,
  );
  return sql`
    with stored as (
      insert into quality_events (id, kind, site, item_key, queue, policy, decision, verdict,
        corrected_decision, actor, auditor, occurred_at, guideline_version, note)
      select * from unnest(${arrays})
      on conflict (id) do nothing
      returning site, item_key),
    touched as (insert into import_touched select site, item_key from stored)
    select count(*)::int as n from stored`;
}

// The definitions match the contract's ItemSummary doc: overturns are appeals found incorrect,
// gold checks are events of kind gold_check (the item is a gold item).
function recomputeSummaries(): SQL {
  return sql`
    with updated as (
      insert into item_summaries
        (site, item_key, audits, incorrect, overturns, gold_checks, last_verdict, last_at, policies, revision, updated_at)
      select e.site, e.item_key,
        count(*)::int,
        (count(*) filter (where e.verdict = 'incorrect'))::int,
        (count(*) filter (where e.kind = 'appeal' and e.verdict = 'incorrect'))::int,
        (count(*) filter (where e.kind = 'gold_check'))::int,
        (array_agg(e.verdict order by e.occurred_at desc, e.id desc))[1],
        max(e.occurred_at),
        array_agg(distinct e.policy order by e.policy),
        nextval('item_summary_revision_seq'),
        now()
      from quality_events e
      where (e.site, e.item_key) in (select distinct site, item_key from import_touched)
      group by e.site, e.item_key
      on conflict (site, item_key) do update set
        audits = excluded.audits,
        incorrect = excluded.incorrect,
        overturns = excluded.overturns,
        gold_checks = excluded.gold_checks,
        last_verdict = excluded.last_verdict,
        last_at = excluded.last_at,
        policies = excluded.policies,
        revision = excluded.revision,
        updated_at = excluded.updated_at
      returning 1)
    select count(*)::int as n from updated`;
}

/** Stores rows already in memory (seeds, tests) through the same path as a file import, in one transaction. */
export async function importEvents(db: Database, rows: Iterable<QualityEventRow>): Promise<ImportResponse> {
  return db.transaction(async (tx) => {
    const writer = await EventWriter.open(tx);
    let received = 0;
    for (const row of rows) {
      received += 1;
      await writer.add(row);
    }
    return writer.finish(received);
  });
}
