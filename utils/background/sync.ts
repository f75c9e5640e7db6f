import { syncAdapters } from '../adapters/adapter-sync';
import { syncContentScripts } from '../adapters/content-scripts';
import { flushHealth } from '../adapters/health-store';
import { activeAdapters } from '../adapters/registry';
import { createApiClient, type ApiClient } from '../api/client';
import { syncGuidelines } from '../guidelines/guideline-sync';
import type { AppDB } from '../db/app-db';
import type { AdapterSyncResult } from '../messaging/protocol';
import { memoFor } from '../memo';
import { readAuth, readConnection } from '../settings';

/**
 * The API client for the signed-in user, or null when signed out. Reused for
 * a second (the auth watch forgets it at once on a sign-in change), so a burst
 * of lookups reads storage once.
 */
export const currentApiClient = memoFor(1_000, async (): Promise<ApiClient | null> => {
  const [auth, connection] = await Promise.all([readAuth(), readConnection()]);
  return auth ? createApiClient({ baseUrl: connection.apiUrl, token: auth.token }) : null;
});

/**
 * Pulls published adapters, guideline versions and unsent health reports, then registers the
 * overlay for the granted origins. Safe to call often; does nothing signed out.
 */
export async function syncNow(db: AppDB): Promise<AdapterSyncResult> {
  try {
    const api = await currentApiClient();
    if (!api) return { received: 0, rejected: [] };
    const result = await syncAdapters(db, api);
    // Guidelines are read offline from what was pulled: a failed pull keeps the versions already here.
    await syncGuidelines(db, api).catch((error: unknown) => console.warn('[QA Lens] guideline sync failed', error));
    await flushHealth(db, api).catch((error: unknown) => console.warn('[QA Lens] health upload failed', error));
    return result;
  } finally {
    // Host access granted offline or signed out still takes effect, from the adapters already known.
    await syncContentScripts(await activeAdapters(db));
  }
}
