import { browser } from 'wxt/browser';
import { createApiClient, type ApiClient } from '../api/client';
import { getDb, type AppDB } from '../db/app-db';
import { createLookupService } from '../items/lookup-service';
import type { Envelope, PushMap } from '../messaging/envelope';
import { registerMessageHandlers } from '../messaging/router';
import { authState, readAuth, readConnection } from '../settings';
import { openItemPanel } from './item-panel';

/**
 * Keeps `storage.local` (which holds the API token) away from content scripts.
 * Chrome lets content scripts read it unless told otherwise; Firefox has no
 * such switch, and there no content-script code path reads it.
 * https://developer.chrome.com/docs/extensions/reference/api/storage#method-StorageArea-setAccessLevel
 */
export function setupStorageAccess(): void {
  const local = (globalThis as { chrome?: typeof chrome }).chrome?.storage?.local;
  local?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch((error: unknown) => {
    console.warn('[QA Lens] could not restrict storage access', error);
  });
}

/** The API client for the signed-in user, or null when signed out. */
export async function currentApiClient(): Promise<ApiClient | null> {
  const [auth, connection] = await Promise.all([readAuth(), readConnection()]);
  return auth ? createApiClient({ baseUrl: connection.apiUrl, token: auth.token }) : null;
}

function pushToTab<K extends keyof PushMap>(tabId: number, type: K, data: PushMap[K]): void {
  const envelope: Envelope<K, PushMap[K]> = { qaLens: 1, type, data };
  // The tab may have closed or navigated away; its next lookup asks again.
  browser.tabs.sendMessage(tabId, envelope).catch(() => undefined);
}

/** Answers the content scripts and extension pages. Registers listeners synchronously. */
export function setupMessaging(db: AppDB = getDb()): void {
  const lookups = createLookupService({ db, getApi: currentApiClient, push: pushToTab });
  registerMessageHandlers({
    lookupItems: ({ items }, sender) => lookups.lookup(items, sender.tab?.id),
    openItemPanel: (ref) => openItemPanel(ref),
    refreshItems: ({ items }, sender) => lookups.refresh(items, sender.tab?.id),
  });
}

/**
 * Drops cached histories when the signed-in user changes: what an item shows
 * depends on who asks (moderators see only their own name on events).
 */
export function setupAuthWatch(db: AppDB = getDb()): void {
  authState.watch((next, previous) => {
    if (next?.user.id === previous?.user.id && next?.token === previous?.token) return;
    void db.transaction('rw', db.items, db.meta, async () => {
      await db.items.clear();
      await db.meta.clear();
    });
  });
}

/** Opens the settings page on first install, where a new user connects and signs in. */
export function setupOnboarding(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void readAuth().then((auth) => {
      if (!auth) void browser.runtime.openOptionsPage();
    });
  });
}
