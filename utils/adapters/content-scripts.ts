import { browser } from 'wxt/browser';
import type { SiteAdapterInput } from '../../contract';

/** The origins the manifest's content script already covers (see wxt.config.ts). */
export const MANIFEST_HOSTS = ['localhost', '127.0.0.1'];
const SCRIPT_ID = 'qa-lens-overlay-runtime';
const SCRIPT_FILE = 'content-scripts/overlay.js';

/** The host-permission pattern (`scheme://host/*`) an adapter match pattern needs. */
export function originPattern(matchPattern: string): string | null {
  const match = /^(https?|\*):\/\/([^/]+)\//.exec(matchPattern);
  return match ? `${match[1]}://${match[2]}/*` : null;
}

/** The distinct origins these adapters need, leaving out those the manifest already grants. */
export function originsNeeded(adapters: readonly SiteAdapterInput[]): string[] {
  const origins = new Set<string>();
  for (const adapter of adapters) {
    if (adapter.enabled === false) continue;
    for (const pattern of adapter.matches) {
      const origin = originPattern(pattern);
      const host = origin?.split('/')[2];
      if (origin && host && !MANIFEST_HOSTS.includes(host)) origins.add(origin);
    }
  }
  return [...origins].sort();
}

/**
 * Registers the overlay for exactly the adapter origins the user has granted
 * (internal origins are not known at build time, so the manifest cannot list
 * them). Called after every adapter sync and permission change.
 */
export async function syncContentScripts(adapters: readonly SiteAdapterInput[]): Promise<string[]> {
  const scripting = browser.scripting;
  if (!scripting?.registerContentScripts) return [];
  const granted: string[] = [];
  for (const origin of originsNeeded(adapters)) {
    if (await browser.permissions.contains({ origins: [origin] })) granted.push(origin);
  }
  const existing = await scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (granted.length === 0) {
    if (existing.length > 0) await scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    return [];
  }
  const script = {
    id: SCRIPT_ID,
    js: [SCRIPT_FILE],
    matches: granted,
    runAt: 'document_idle' as const,
    // Like the manifest's: a tool framed inside another's shell is decorated in its frame.
    allFrames: true,
  };
  if (existing.length > 0) await scripting.updateContentScripts([script]);
  else await scripting.registerContentScripts([script]);
  return granted;
}
