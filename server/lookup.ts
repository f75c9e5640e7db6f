import { asc, desc, getTableColumns, lte, sql } from 'drizzle-orm';
import {
  emptySummary,
  type EventKind,
  type ItemRef,
  type ItemSummary,
  type LookupResult,
  type QualityEvent,
  type User,
  type Verdict,
} from '../contract';
import { seesAllActors } from './auth';
import type { Database } from './db/client';
import { itemSummaries, qualityEvents } from './db/schema';
import { itemSet } from './db/item-set';

const refKey = (site: string, itemKey: string) => `${site}\u0000${itemKey}`;

/** Summaries and newest events for many items in two queries, answered in request order. */
export async function lookupItems(
  db: Database,
  refs: ItemRef[],
  eventsLimit: number,
  viewer: User,
): Promise<LookupResult[]> {
  const unique = [...new Map(refs.map((ref) => [refKey(ref.site, ref.itemKey), ref])).values()];
  const requested = itemSet(unique);
  const summaryRows = await db
    .select()
    .from(itemSummaries)
    .where(sql`(${itemSummaries.site}, ${itemSummaries.itemKey}) in ${requested}`);
  const summaries = new Map(summaryRows.map((row) => [refKey(row.site, row.itemKey), toSummary(row)]));

  const events = new Map<string, QualityEvent[]>();
  if (eventsLimit > 0) {
    // One ranked scan for all items instead of one query per item.
    const ranked = db
      .select({
        ...getTableColumns(qualityEvents),
        rank: sql<number>`row_number() over (partition by ${qualityEvents.site}, ${qualityEvents.itemKey}
          order by ${qualityEvents.occurredAt} desc, ${qualityEvents.id} desc)`.as('rank'),
      })
      .from(qualityEvents)
      .where(sql`(${qualityEvents.site}, ${qualityEvents.itemKey}) in ${requested}`)
      .as('ranked');
    const rows = await db
      .select()
      .from(ranked)
      .where(lte(ranked.rank, eventsLimit))
      .orderBy(asc(ranked.site), asc(ranked.itemKey), desc(ranked.occurredAt), desc(ranked.id));
    for (const row of rows) {
      const key = refKey(row.site, row.itemKey);
      const list = events.get(key) ?? [];
      list.push(toEvent(row, viewer));
      events.set(key, list);
    }
  }

  return refs.map((ref) => {
    const key = refKey(ref.site, ref.itemKey);
    return {
      site: ref.site,
      itemKey: ref.itemKey,
      summary: summaries.get(key) ?? emptySummary(ref),
      events: events.get(key) ?? [],
    };
  });
}

function toSummary(row: typeof itemSummaries.$inferSelect): ItemSummary {
  return {
    site: row.site,
    itemKey: row.itemKey,
    audits: row.audits,
    incorrect: row.incorrect,
    overturns: row.overturns,
    lastVerdict: row.lastVerdict as Verdict | null,
    lastAt: row.lastAt?.toISOString() ?? null,
    policies: row.policies,
  };
}

function toEvent(row: typeof qualityEvents.$inferSelect, viewer: User): QualityEvent {
  return {
    id: row.id,
    kind: row.kind as EventKind,
    site: row.site,
    itemKey: row.itemKey,
    queue: row.queue,
    policy: row.policy,
    decision: row.decision,
    verdict: row.verdict as Verdict,
    correctedDecision: row.correctedDecision,
    // Moderators see their own decisions only: everyone else's actor is withheld.
    actor: seesAllActors(viewer) || row.actor === viewer.id ? row.actor : null,
    auditor: row.auditor,
    occurredAt: row.occurredAt.toISOString(),
    guidelineVersion: row.guidelineVersion,
    note: row.note,
  };
}
