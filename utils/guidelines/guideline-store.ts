import type { AppDB, StoredGuidelineVersion } from '../db/app-db';

/*
 * Reads of the guideline versions kept in IndexedDB: everything a badge's
 * hover card, the item panel and the guideline browser show works offline.
 */

/** A guideline's versions, oldest effective first. */
export async function versionsOf(db: AppDB, guidelineId: string): Promise<StoredGuidelineVersion[]> {
  const versions = await db.guidelineVersions
    .where('[guidelineId+version]')
    .between([guidelineId], [guidelineId, []])
    .toArray();
  return versions.sort(byEffectiveFrom);
}

/** One version, when it has been pulled. */
export function versionNamed(db: AppDB, guidelineId: string, version: string) {
  return db.guidelineVersions.get([guidelineId, version]);
}

/** The version in force at `at` of one guideline: the latest effective on or before it. */
export function inForce(versions: readonly StoredGuidelineVersion[], at: Date): StoredGuidelineVersion | undefined {
  let best: StoredGuidelineVersion | undefined;
  for (const version of versions) {
    if (Date.parse(version.effectiveFrom) > at.getTime()) continue;
    if (!best || byEffectiveFrom(best, version) < 0) best = version;
  }
  return best;
}

/** For each guideline of a site, the version in force at `at` (none before its first version takes effect). */
export async function versionsInForce(db: AppDB, site: string, at: Date): Promise<StoredGuidelineVersion[]> {
  const bySite = await db.guidelineVersions.where('site').equals(site).toArray();
  return inForceOfEach(bySite, at);
}

/** Every guideline's version in force at `at`, over all sites (the guideline browser). */
export async function allInForce(db: AppDB, at: Date): Promise<StoredGuidelineVersion[]> {
  return inForceOfEach(await db.guidelineVersions.toArray(), at);
}

/** The newest revision stored: any change to the stored versions changes it (they are immutable). */
export async function latestRevision(db: AppDB): Promise<number> {
  return (await db.guidelineVersions.orderBy('revision').last())?.revision ?? 0;
}

function inForceOfEach(versions: StoredGuidelineVersion[], at: Date): StoredGuidelineVersion[] {
  const byGuideline = new Map<string, StoredGuidelineVersion[]>();
  for (const version of versions) {
    const list = byGuideline.get(version.guidelineId) ?? [];
    list.push(version);
    byGuideline.set(version.guidelineId, list);
  }
  return [...byGuideline.values()]
    .map((list) => inForce(list, at))
    .filter((v): v is StoredGuidelineVersion => v !== undefined)
    .sort((a, b) => a.guidelineId.localeCompare(b.guidelineId));
}

/** Oldest effective first; the revision breaks ties (published later wins). */
function byEffectiveFrom(a: StoredGuidelineVersion, b: StoredGuidelineVersion): number {
  return Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom) || a.revision - b.revision;
}
