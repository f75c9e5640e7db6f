import { browser } from 'wxt/browser';
import { SiteAdapter, zodDetails } from '../../contract';
import { syncAdapters } from '../adapters/adapter-sync';
import { syncContentScripts } from '../adapters/content-scripts';
import { flushHealth, recordHealth } from '../adapters/health-store';
import { activeAdapters, adaptersForUrl } from '../adapters/registry';
import { createApiClient, type ApiClient } from '../api/client';
import { getDb, type AppDB } from '../db/app-db';
import { getMeta } from '../items/item-cache';
import { createLookupService, type LookupService } from '../items/lookup-service';
import type { Envelope, PushMap, TabRequestMap, WorkbenchResult } from '../messaging/envelope';
import { registerMessageHandlers } from '../messaging/router';
import type { Reply } from '../messaging/send';
import { authState, readAuth, readConnection } from '../settings';
import { openItemPanel } from './item-panel';
import { assertSameOrigin, assertSitesServed } from './sender-scope';

const SYNC_ALARM = 'qa-lens-sync';
const SYNC_EVERY_MINUTES = 15;
/** The service worker wakes for every message; start-up sync runs at most this often. */
const STARTUP_SYNC_MIN_GAP_MS = 2 * 60_000;

/**
 * Keeps `storage.local` (settings, who is signed in) away from content scripts
 * where the browser allows it (Chrome; Firefox supports this for session
 * storage only). Defence in depth: the API token is not in storage at all but
 * in the extension's IndexedDB (see utils/settings.ts).
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

/** Asks a tab's content script and returns its answer, or says plainly why there is none. */
async function askTab<K extends keyof TabRequestMap>(
  tabId: number,
  type: K,
  data: TabRequestMap[K]['request'],
): Promise<TabRequestMap[K]['response']> {
  const envelope: Envelope<K, TabRequestMap[K]['request']> = { qaLens: 1, type, data };
  const reply = (await browser.tabs.sendMessage(tabId, envelope).catch(() => undefined)) as
    Reply<TabRequestMap[K]['response']> | undefined;
  if (!reply) {
    throw new Error('QA Lens is not running in that tab: grant access to its site, then reload the tab.');
  }
  if ('error' in reply) throw new Error(reply.error);
  return reply.ok;
}

/**
 * Pulls published adapters and unsent health reports, then registers the
 * overlay for the granted origins. Safe to call often; does nothing signed out.
 */
export async function syncNow(db: AppDB = getDb()) {
  try {
    const api = await currentApiClient();
    if (!api) return { received: 0, rejected: [] };
    const result = await syncAdapters(db, api);
    await flushHealth(db, api).catch((error: unknown) => console.warn('[QA Lens] health upload failed', error));
    return result;
  } finally {
    // Host access granted offline or signed out still takes effect, from the adapters already known.
    await syncContentScripts(await activeAdapters(db));
  }
}

/** The background's lookup service, made by setupMessaging; the auth watch resets it. */
let lookups: LookupService | null = null;

/** Answers the content scripts and extension pages. Registers listeners synchronously. */
export function setupMessaging(db: AppDB = getDb()): void {
  const service = createLookupService({ db, getApi: currentApiClient, push: pushToTab });
  lookups = service;
  registerMessageHandlers({
    lookupItems: async ({ items }, sender) => {
      await assertSitesServed(db, items, sender);
      return service.lookup(items, sender.tab?.id);
    },
    openItemPanel: (ref) => openItemPanel(ref),
    refreshItems: ({ items }, sender) => service.refresh(items, sender.tab?.id),
    adaptersForPage: async ({ url }, sender) => {
      assertSameOrigin(url, sender);
      return { adapters: await adaptersForUrl(db, url) };
    },
    reportHealth: async ({ report }, sender) => {
      assertSameOrigin(report.pageUrl, sender);
      const adapters = await adaptersForUrl(db, report.pageUrl);
      if (!adapters.some((a) => a.id === report.adapterId && a.version === report.adapterVersion)) {
        throw new Error(`adapter "${report.adapterId}" v${report.adapterVersion} does not run on that page`);
      }
      await recordHealth(db, report);
      const api = await currentApiClient();
      if (api) void flushHealth(db, api).catch(() => undefined); // retried on the next sync
    },
    syncAdapters: () => syncNow(db),
    runWorkbench: async ({ tabId, adapter }): Promise<WorkbenchResult> => {
      const parsed = SiteAdapter.safeParse(adapter);
      if (!parsed.success) {
        const reasons = zodDetails(parsed.error).map((d) => `${d.path}: ${d.message}`);
        throw new Error(`This adapter is not valid. ${reasons.join('; ')}`);
      }
      return askTab(tabId, 'workbench', { adapter: parsed.data });
    },
  });
}

/** Syncs on start-up, on a timer, and whenever host permissions change. */
export function setupSync(db: AppDB = getDb()): void {
  const run = () => void syncNow(db).catch((error: unknown) => console.warn('[QA Lens] sync failed', error));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) run();
  });
  browser.permissions.onAdded.addListener(run);
  browser.permissions.onRemoved.addListener(run);
  void browser.alarms.get(SYNC_ALARM).then((existing) => {
    if (!existing) void browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_EVERY_MINUTES });
  });
  void getMeta<string>(db, 'adaptersSyncedAt').then((last) => {
    if (!last || Date.now() - Date.parse(last) > STARTUP_SYNC_MIN_GAP_MS) run();
  });
}

/**
 * Drops cached data when the signed-in user changes (what an item shows
 * depends on who asks), then syncs for the new user.
 */
export function setupAuthWatch(db: AppDB = getDb()): void {
  authState.watch((next, previous) => {
    if (next?.user.id === previous?.user.id && next?.signedInAt === previous?.signedInAt) return;
    lookups?.reset();
    void db
      .transaction('rw', [db.items, db.meta, db.adapters, db.rejectedAdapters, db.healthReports], async () => {
        await Promise.all([
          db.items.clear(),
          db.meta.clear(),
          db.adapters.clear(),
          db.rejectedAdapters.clear(),
          // Reports made as the previous user must not upload under the next one's name.
          db.healthReports.clear(),
        ]);
      })
      .then(() => (next ? syncNow(db) : undefined))
      .then(() => tellAllTabs())
      .catch((error: unknown) => console.warn('[QA Lens] could not reset after sign-in change', error));
  });
}

/** Tells every tab's overlay that the user changed, so badges update without a reload. */
async function tellAllTabs(): Promise<void> {
  for (const tab of await browser.tabs.query({})) {
    if (tab.id !== undefined) pushToTab(tab.id, 'authChanged', {});
  }
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
