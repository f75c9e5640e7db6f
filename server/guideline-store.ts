import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type {
  GuidelineHistoryResponse,
  GuidelineListResponse,
  GuidelinePublishRequest,
  GuidelineSection,
  GuidelineSyncResponse,
  GuidelineVersionRecord,
} from '../contract';
import type { Database } from './db/client';
import { guidelinePublishLog, guidelines, guidelineVersions } from './db/schema';

/** Serialises guideline publishers so revisions become visible in the order they were taken. */
const GUIDELINE_LOCK_KEY = 7_346_008;

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
type VersionRow = typeof guidelineVersions.$inferSelect;

/** Outcome of a publish: the stored version, or why the request conflicts with what is stored. */
export type GuidelinePublishResult =
  | { ok: true; created: boolean; record: GuidelineVersionRecord }
  /** The version exists with other content; `sections` names the section ids that differ. */
  | { ok: false; reason: 'changed'; existing: GuidelineVersionRecord; fields: string[]; sections: string[] }
  /** The guideline exists for another site. */
  | { ok: false; reason: 'site'; site: string };

/**
 * Stores a new immutable version with a new revision and an audit row. Re-publishing identical
 * content is a no-op (audited as `unchanged`, no new revision); other content under a stored version
 * is refused, so an event that cites a version always means one text.
 */
export async function publishGuideline(
  db: Database,
  request: GuidelinePublishRequest,
  actor: string,
): Promise<GuidelinePublishResult> {
  const digest = guidelineDigest(request);
  return db.transaction(async (tx) => {
    await lock(tx);
    const [guideline] = await tx.select().from(guidelines).where(eq(guidelines.id, request.guidelineId));
    if (guideline && guideline.site !== request.site) return { ok: false, reason: 'site', site: guideline.site };
    const [existing] = await tx
      .select()
      .from(guidelineVersions)
      .where(
        and(eq(guidelineVersions.guidelineId, request.guidelineId), eq(guidelineVersions.version, request.version)),
      );
    if (existing && existing.digest !== digest) {
      const stored = toRecord(existing, guideline!.site);
      return { ok: false, reason: 'changed', existing: stored, ...differences(stored, request) };
    }
    const log = { guidelineId: request.guidelineId, version: request.version, actor, digest };
    if (existing) {
      await tx.insert(guidelinePublishLog).values({ ...log, action: 'unchanged' });
      return { ok: true, created: false, record: toRecord(existing, guideline!.site) };
    }
    await tx
      .insert(guidelines)
      .values({ id: request.guidelineId, site: request.site, title: request.title })
      .onConflictDoUpdate({ target: guidelines.id, set: { title: request.title } });
    const [row] = await tx
      .insert(guidelineVersions)
      .values({
        guidelineId: request.guidelineId,
        version: request.version,
        title: request.title,
        effectiveFrom: new Date(request.effectiveFrom),
        sections: request.sections,
        digest,
        publishedBy: actor,
      })
      .returning();
    await tx.insert(guidelinePublishLog).values({ ...log, action: 'published' });
    return { ok: true, created: true, record: toRecord(row!, request.site) };
  });
}

/** Every guideline with its versions (no sections), oldest effective first. */
export async function listGuidelines(db: Database): Promise<GuidelineListResponse> {
  const rows = await db.select().from(guidelines).orderBy(asc(guidelines.id));
  const versions = await db
    .select({
      guidelineId: guidelineVersions.guidelineId,
      version: guidelineVersions.version,
      title: guidelineVersions.title,
      effectiveFrom: guidelineVersions.effectiveFrom,
      publishedAt: guidelineVersions.publishedAt,
      publishedBy: guidelineVersions.publishedBy,
      digest: guidelineVersions.digest,
      revision: guidelineVersions.revision,
    })
    .from(guidelineVersions)
    .orderBy(asc(guidelineVersions.effectiveFrom), asc(guidelineVersions.revision));
  return {
    guidelines: rows.map((g) => ({
      id: g.id,
      site: g.site,
      title: g.title,
      versions: versions
        .filter((v) => v.guidelineId === g.id)
        .map(({ guidelineId: _, ...v }) => ({
          ...v,
          effectiveFrom: v.effectiveFrom.toISOString(),
          publishedAt: v.publishedAt.toISOString(),
        })),
    })),
  };
}

/** One version with its sections; null when the guideline or the version is unknown. */
export async function findGuidelineVersion(
  db: Database,
  guidelineId: string,
  version: string,
): Promise<GuidelineVersionRecord | null> {
  const [row] = await db
    .select({ version: guidelineVersions, site: guidelines.site })
    .from(guidelineVersions)
    .innerJoin(guidelines, eq(guidelines.id, guidelineVersions.guidelineId))
    .where(and(eq(guidelineVersions.guidelineId, guidelineId), eq(guidelineVersions.version, version)));
  return row ? toRecord(row.version, row.site) : null;
}

/** Versions published after revision `since`, oldest first; the cursor is the last revision sent. */
export async function syncGuidelines(db: Database, since: number, limit: number): Promise<GuidelineSyncResponse> {
  // One extra row tells whether another page exists without a count query.
  const rows = await db
    .select({ version: guidelineVersions, site: guidelines.site })
    .from(guidelineVersions)
    .innerJoin(guidelines, eq(guidelines.id, guidelineVersions.guidelineId))
    .where(gt(guidelineVersions.revision, since))
    .orderBy(asc(guidelineVersions.revision))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    versions: page.map((row) => toRecord(row.version, row.site)),
    nextCursor: String(page.at(-1)?.version.revision ?? since),
    hasMore: rows.length > limit,
  };
}

/** A guideline's accepted publishes, newest first; null for an unknown guideline. */
export async function guidelineHistory(db: Database, guidelineId: string): Promise<GuidelineHistoryResponse | null> {
  const rows = await db
    .select()
    .from(guidelinePublishLog)
    .where(eq(guidelinePublishLog.guidelineId, guidelineId))
    .orderBy(desc(guidelinePublishLog.id));
  // Log rows are only written together with a version, so none means no such guideline.
  if (rows.length === 0) return null;
  return {
    entries: rows.map((row) => ({
      version: row.version,
      action: row.action as 'published' | 'unchanged',
      actor: row.actor,
      at: row.at.toISOString(),
      digest: row.digest,
    })),
  };
}

/**
 * SHA-256 of a version's content in a fixed key order, with the effective date normalised
 * (`+00:00` and `Z` are one instant), so the same text always has the same digest.
 */
export function guidelineDigest(request: GuidelinePublishRequest): string {
  const canonical = {
    guidelineId: request.guidelineId,
    site: request.site,
    title: request.title,
    version: request.version,
    effectiveFrom: new Date(request.effectiveFrom).toISOString(),
    sections: request.sections.map(canonicalSection),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

function canonicalSection(s: GuidelineSection): GuidelineSection {
  return {
    id: s.id,
    heading: s.heading,
    body: s.body,
    policies: s.policies,
    categories: s.categories,
    labels: s.labels,
    keywords: s.keywords,
  };
}

/** What differs between a stored version and a request for the same version, for the 409 message. */
function differences(stored: GuidelineVersionRecord, request: GuidelinePublishRequest) {
  const fields: string[] = (['title', 'effectiveFrom'] as const).filter((key) =>
    key === 'effectiveFrom'
      ? new Date(stored.effectiveFrom).getTime() !== new Date(request.effectiveFrom).getTime()
      : stored[key] !== request[key],
  );
  const before = new Map(stored.sections.map((s) => [s.id, JSON.stringify(canonicalSection(s))]));
  const after = new Map(request.sections.map((s) => [s.id, JSON.stringify(canonicalSection(s))]));
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  const sections = ids.filter((id) => before.get(id) !== after.get(id));
  // Same sections in another order is a change too.
  if (sections.length === 0 && fields.length === 0) fields.push('section order');
  return { fields, sections };
}

function lock(tx: Transaction) {
  return tx.execute(sql`select pg_advisory_xact_lock(${GUIDELINE_LOCK_KEY})`);
}

function toRecord(row: VersionRow, site: string): GuidelineVersionRecord {
  return {
    guidelineId: row.guidelineId,
    site,
    title: row.title,
    version: row.version,
    effectiveFrom: row.effectiveFrom.toISOString(),
    sections: row.sections,
    publishedAt: row.publishedAt.toISOString(),
    publishedBy: row.publishedBy,
    digest: row.digest,
    revision: row.revision,
  };
}
