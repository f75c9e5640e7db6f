import { asc, desc, eq, gt, sql } from 'drizzle-orm';
import type {
  AdapterAction,
  AdapterHistoryResponse,
  AdapterListResponse,
  AdapterRecord,
  SiteAdapter,
} from '../contract';
import type { Database } from './db/client';
import { siteAdapterHistory, siteAdapters } from './db/schema';

/** Serialises adapter writers so revisions become visible in the order they were taken. */
const ADAPTER_LOCK_KEY = 7_346_002;

const nextRevision = sql`nextval('adapter_revision_seq')`;

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Outcome of a publish: the stored record, or the version it had to follow. */
export type PublishResult =
  | { ok: true; created: boolean; record: AdapterRecord }
  /** `currentVersion` is 0 for an adapter never published. */
  | { ok: false; currentVersion: number };

export interface PublishOptions {
  /** Accept any newer version, not only the next one: a seed file may skip versions between restarts. */
  allowSkip?: boolean;
}

/** Stores a new version of an adapter with a new revision and a history row, if its version follows the stored one. */
export async function publishAdapter(
  db: Database,
  adapter: SiteAdapter,
  actor: string,
  opts: PublishOptions = {},
): Promise<PublishResult> {
  return db.transaction(async (tx) => {
    await lock(tx);
    const [current] = await tx
      .select({ version: siteAdapters.version })
      .from(siteAdapters)
      .where(eq(siteAdapters.id, adapter.id));
    const currentVersion = current?.version ?? 0;
    const fits = opts.allowSkip ? adapter.version > currentVersion : adapter.version === currentVersion + 1;
    if (!fits) return { ok: false, currentVersion };

    const values = { version: adapter.version, document: adapter, enabled: adapter.enabled, updatedBy: actor };
    const [row] = current
      ? await tx
          .update(siteAdapters)
          .set({ ...values, revision: nextRevision, updatedAt: sql`now()` })
          .where(eq(siteAdapters.id, adapter.id))
          .returning()
      : await tx
          .insert(siteAdapters)
          .values({ id: adapter.id, ...values })
          .returning();
    await tx.insert(siteAdapterHistory).values({
      adapterId: adapter.id,
      version: adapter.version,
      action: 'published',
      actor,
      document: adapter,
    });
    return { ok: true, created: !current, record: toRecord(row!) };
  });
}

/** Turns an adapter on or off (same version, new revision, history row); null for an unknown id. */
export async function setAdapterEnabled(
  db: Database,
  id: string,
  enabled: boolean,
  actor: string,
): Promise<AdapterRecord | null> {
  return db.transaction(async (tx) => {
    await lock(tx);
    const [current] = await tx.select().from(siteAdapters).where(eq(siteAdapters.id, id));
    if (!current) return null;
    // Already in that state: a retried click must not wake every extension with a new revision.
    if (current.enabled === enabled) return toRecord(current);
    const document = { ...current.document, enabled };
    const [row] = await tx
      .update(siteAdapters)
      .set({ document, enabled, updatedBy: actor, revision: nextRevision, updatedAt: sql`now()` })
      .where(eq(siteAdapters.id, id))
      .returning();
    await tx.insert(siteAdapterHistory).values({
      adapterId: id,
      version: current.version,
      action: enabled ? 'enabled' : 'disabled',
      actor,
      document,
    });
    return toRecord(row!);
  });
}

/** Adapters changed after revision `since`, oldest change first; disabled ones included so clients drop them. */
export async function listAdapters(db: Database, since: number, limit: number): Promise<AdapterListResponse> {
  // One extra row tells whether another page exists without a count query.
  const rows = await db
    .select()
    .from(siteAdapters)
    .where(gt(siteAdapters.revision, since))
    .orderBy(asc(siteAdapters.revision))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    adapters: page.map(toRecord),
    cursor: page.at(-1)?.revision ?? since,
    hasMore: rows.length > limit,
  };
}

/** An adapter's audit trail, newest first; null for an unknown id. */
export async function adapterHistory(db: Database, id: string): Promise<AdapterHistoryResponse | null> {
  const rows = await db
    .select()
    .from(siteAdapterHistory)
    .where(eq(siteAdapterHistory.adapterId, id))
    .orderBy(desc(siteAdapterHistory.id));
  // History rows are only written together with the adapter, so none means no such adapter.
  if (rows.length === 0) return null;
  return {
    entries: rows.map((row) => ({
      version: row.version,
      action: row.action as AdapterAction,
      actor: row.actor,
      at: row.at.toISOString(),
      adapter: row.document,
    })),
  };
}

function lock(tx: Transaction) {
  return tx.execute(sql`select pg_advisory_xact_lock(${ADAPTER_LOCK_KEY})`);
}

function toRecord(row: typeof siteAdapters.$inferSelect): AdapterRecord {
  return {
    // The column is the truth for `enabled`; the document follows it.
    adapter: { ...row.document, enabled: row.enabled },
    revision: row.revision,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}
