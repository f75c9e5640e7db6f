import { browser } from 'wxt/browser';
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
import { createSyncScheduler, type SyncScheduler } from '../sync/scheduler';
import { syncUser, type UserSyncSummary } from '../sync/user-sync';

/** A one-shot alarm that wakes a stopped service worker when a deferred push comes due. */
export const REPORT_RETRY_ALARM = 'qa-lens-report-retry';
/** Chrome does not fire alarms sooner than this; shorter waits are a timer in the running worker. */
const ALARM_MIN_MS = 30_000;

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
 * overlay for the granted origins; asks for a report sync too. Safe to call often; does nothing
 * signed out.
 */
export async function syncNow(db: AppDB): Promise<AdapterSyncResult> {
  // Reports run on their own scheduler (pushes must not wait behind adapters): every sync asks it too.
  reportSync(db).request();
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

const reportSchedulers = new WeakMap<AppDB, SyncScheduler<UserSyncSummary | null>>();

/**
 * The background's one report sync scheduler for `db`: pushes the signed-in user's outbox (gap
 * reports and survey answers) and pulls their reports, the surveys and their own answers, one run
 * at a time, then arranges the next try of anything deferred (a timer while the worker lives, an
 * alarm in case it stops).
 */
export function reportSync(db: AppDB): SyncScheduler<UserSyncSummary | null> {
  let scheduler = reportSchedulers.get(db);
  if (!scheduler) {
    const created: SyncScheduler<UserSyncSummary | null> = createSyncScheduler({
      run: async () => {
        const [api, auth] = await Promise.all([currentApiClient(), readAuth()]);
        if (!api || !auth) return null;
        const summary = await syncUser(db, api, auth.user.id);
        if (summary.nextPushInMs !== null) {
          const wait = Math.max(summary.nextPushInMs, 1_000);
          created.wakeIn(wait);
          if (wait >= ALARM_MIN_MS) void browser.alarms.create(REPORT_RETRY_ALARM, { when: Date.now() + wait });
        }
        return summary;
      },
    });
    scheduler = created;
    reportSchedulers.set(db, scheduler);
  }
  return scheduler;
}
