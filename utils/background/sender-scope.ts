import { MatchPattern } from 'wxt/utils/match-patterns';
import { originPattern } from '../adapters/content-scripts';
import { recentAdapters } from '../adapters/registry';
import type { AppDB } from '../db/app-db';
import type { ClaimCheck } from '../messaging/router';

/*
 * What a content script may ask for is bounded by the page it runs in: it
 * speaks for its own origin only, and for the sites whose adapters serve that
 * origin. Extension pages are trusted with everything.
 */

/** The sites whose enabled adapters serve this origin. */
export async function sitesServedOn(db: AppDB, origin: string): Promise<Set<string>> {
  const sites = new Set<string>();
  for (const adapter of await recentAdapters(db)) {
    if (adapter.enabled === false) continue;
    const serves = adapter.matches.some((pattern) => {
      const origins = originPattern(pattern);
      try {
        return origins !== null && new MatchPattern(origins).includes(`${origin}/`);
      } catch {
        return false;
      }
    });
    if (serves) sites.add(adapter.site);
  }
  return sites;
}

/** The router's check of a content script's claims: URLs on its own origin, sites served there. */
export function createClaimCheck(db: AppDB): ClaimCheck {
  return async (claims, sender) => {
    for (const url of claims.urls ?? []) {
      let origin: string;
      try {
        origin = new URL(url).origin;
      } catch {
        throw new Error('a page may only speak for its own origin');
      }
      if (origin !== sender.origin) throw new Error('a page may only speak for its own origin');
    }
    const items = claims.items ?? [];
    if (items.length === 0) return;
    const served = await sitesServedOn(db, sender.origin);
    const foreign = items.find((ref) => !served.has(ref.site));
    if (foreign) throw new Error(`site "${foreign.site}" is not served on ${sender.origin}`);
  };
}
