import { browser } from 'wxt/browser';
import { forgetAdapters } from '../adapters/registry';
import { createApiClient } from '../api/client';
import { getDb, type AppDB } from '../db/app-db';
import { getMeta } from '../items/item-cache';
import { createItemEventsService } from '../items/item-events';
import { createLookupService } from '../items/lookup-service';
import { createRouter, type Router } from '../messaging/router';
import { authState, connectionSettings, readAuth, readConnection } from '../settings';
import { createSurveyService } from '../surveys/survey-service';
import { createApiAvailability } from './api-availability';
import { handlers } from './handlers';
import { pushToAllTabs, pushToPages, pushToTab } from './push';
import { createClaimCheck } from './sender-scope';
import type { BackgroundServices } from './services';
import { clearPause } from '../sync/push-pause';
import { setSyncTrigger } from '../sync/sync-trigger';
import { currentApiClient, REPORT_RETRY_ALARM, reportSync, syncNow } from './sync';

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

/** Builds the background's services around one database. */
export function createServices(db: AppDB): BackgroundServices {
  const availability = createApiAvailability({
    probe: async () => {
      const connection = await readConnection();
      return createApiClient({ baseUrl: connection.apiUrl, timeoutMs: 5_000 })
        .liveness()
        .then(() => true);
    },
    onRecovered: () => {
      void pushToAllTabs('apiAvailable', {});
      pushToPages('apiAvailable', {});
    },
  });
  const onApiResult = availability.record;
  return {
    db,
    availability,
    currentApi: currentApiClient,
    syncNow: () => syncNow(db),
    lookups: createLookupService({ db, getApi: currentApiClient, push: pushToTab, onApiResult }),
    itemEvents: createItemEventsService({ db, getApi: currentApiClient, onApiResult }),
    surveys: createSurveyService({ db, userId: async () => (await readAuth())?.user.id ?? null }),
  };
}

/** The background's router, made by setupMessaging; the auth watch resets its services. */
let router: Router<BackgroundServices> | null = null;

/** Answers the content scripts and extension pages. Registers its listener synchronously. */
export function setupMessaging(db: AppDB = getDb()): void {
  router = createRouter(handlers, createServices(db), createClaimCheck(db));
  router.listen();
}

/**
 * Syncs on start-up, on a timer, and whenever host permissions change; reports also after every
 * outbox write, when a deferred push comes due, and when the browser is back online.
 */
export function setupSync(db: AppDB = getDb()): void {
  const run = () => void syncNow(db).catch((error: unknown) => console.warn('[QA Lens] sync failed', error));
  const reports = reportSync(db);
  setSyncTrigger(reports.request);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) run();
    if (alarm.name === REPORT_RETRY_ALARM) reports.request();
  });
  // Failures while offline say nothing about the API: back online, push at once, not after the backoff.
  globalThis.addEventListener?.('online', () => void clearPause(db).then(() => reports.request()));
  // Reports written before the worker stopped go out now, whatever the adapters' start-up gap.
  void db.outbox.count().then((waiting) => {
    if (waiting > 0) reports.request();
  });
  // Another API URL (the options page's Connect) must not reuse the old client for a second.
  connectionSettings.watch(() => currentApiClient.clear());
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
    currentApiClient.clear();
    router?.services.lookups.reset();
    const tables = [db.items, db.itemEvents, db.meta, db.adapters, db.rejectedAdapters, db.healthReports];
    void db
      .transaction('rw', tables, async () => {
        // Health reports made as the previous user must not upload under the next one's name.
        await Promise.all(tables.map((table) => table.clear()));
      })
      .then(() => forgetAdapters(db))
      .then(() => (next ? syncNow(db) : undefined))
      // Tells every tab's overlay that the user changed, so badges update without a reload.
      .then(() => pushToAllTabs('authChanged', {}))
      .catch((error: unknown) => console.warn('[QA Lens] could not reset after sign-in change', error));
  });
}

/** Opens the settings page on first install, where a new user connects and signs in. */
export function setupOnboarding(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void currentApiClient().then((api) => {
      if (!api) void browser.runtime.openOptionsPage();
    });
  });
}
