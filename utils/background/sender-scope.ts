import { browser, type Browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import type { ItemRef } from '../../contract';
import { originPattern } from '../adapters/content-scripts';
import { activeAdapters } from '../adapters/registry';
import type { AppDB } from '../db/app-db';

/**
 * What a content script may ask for is bounded by the page it runs in: it
 * speaks for its own origin only, and for the sites whose adapters serve that
 * origin. Extension pages are trusted with everything.
 */

/** The sender's web origin, or null for this extension's own pages. */
export function webOrigin(sender: Browser.runtime.MessageSender): string | null {
  if (!sender.url || sender.url.startsWith(browser.runtime.getURL('/'))) return null;
  return new URL(sender.url).origin;
}

/** Refuses a page URL on another origin than the page that sent the message. */
export function assertSameOrigin(url: string, sender: Browser.runtime.MessageSender): void {
  const origin = webOrigin(sender);
  if (origin !== null && new URL(url).origin !== origin) throw new Error('a page may only speak for its own origin');
}

/** The sites whose enabled adapters serve this origin. */
export async function sitesServedOn(db: AppDB, origin: string): Promise<Set<string>> {
  const sites = new Set<string>();
  for (const adapter of await activeAdapters(db)) {
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

/** Refuses lookups for sites no adapter serves on the sender's origin. */
export async function assertSitesServed(
  db: AppDB,
  refs: ItemRef[],
  sender: Browser.runtime.MessageSender,
): Promise<void> {
  const origin = webOrigin(sender);
  if (origin === null) return;
  const served = await sitesServedOn(db, origin);
  const foreign = refs.find((ref) => !served.has(ref.site));
  if (foreign) throw new Error(`site "${foreign.site}" is not served on ${origin}`);
}
