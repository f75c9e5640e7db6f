import type { AppDB, StoredGuidelineVersion } from '../db/app-db';
import { versionsInForce } from './guideline-store';
import { matcherFor, type MatchItem } from './match';

/** A section that applies to an item, with the whole version it belongs to. */
export interface MatchedSection {
  version: StoredGuidelineVersion;
  section: StoredGuidelineVersion['sections'][number];
  reasons: ReturnType<ReturnType<typeof matcherFor>['rank']>[number]['reasons'];
}

/**
 * The guideline sections in force at `at` that apply to an item, best first,
 * from IndexedDB alone (so offline too). The index behind it is built once
 * per set of versions and reused.
 */
export async function matchItemSections(db: AppDB, item: MatchItem, at: Date, limit = 5): Promise<MatchedSection[]> {
  const versions = await versionsInForce(db, item.site, at);
  if (versions.length === 0) return [];
  const byId = new Map(versions.map((version) => [version.guidelineId, version]));
  return matcherFor(versions)
    .rank(item, limit)
    .map((ranked) => ({ version: byId.get(ranked.guidelineId)!, section: ranked.section, reasons: ranked.reasons }));
}
