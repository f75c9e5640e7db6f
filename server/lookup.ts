import { sql } from 'drizzle-orm';
import { emptySummary, type ItemRef, type ItemSummary, type LookupResult, type Verdict } from '../contract';
import type { Database } from './db/client';
import { itemSet } from './db/item-set';
import { itemSummaries } from './db/schema';

const refKey = (site: string, itemKey: string) => `${site}\u0000${itemKey}`;

/**
 * Summaries for many items in one primary-key query, answered in request order.
 * Events are not read here: badges need counts only, and the history of the
 * one item a person opens is paged by `itemEvents`.
 */
export async function lookupSummaries(db: Database, refs: ItemRef[]): Promise<LookupResult[]> {
  const unique = [...new Map(refs.map((ref) => [refKey(ref.site, ref.itemKey), ref])).values()];
  const rows = await db
    .select()
    .from(itemSummaries)
    .where(sql`(${itemSummaries.site}, ${itemSummaries.itemKey}) in ${itemSet(unique)}`);
  const summaries = new Map(rows.map((row) => [refKey(row.site, row.itemKey), toSummary(row)]));
  return refs.map((ref) => ({
    site: ref.site,
    itemKey: ref.itemKey,
    summary: summaries.get(refKey(ref.site, ref.itemKey)) ?? emptySummary(ref),
  }));
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
