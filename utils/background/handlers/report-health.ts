import { flushHealth, recordHealth } from '../../adapters/health-store';
import { adaptersForUrl } from '../../adapters/registry';
import { defineHandler } from '../services';

/** Keeps a page run's adapter health report and uploads it when signed in. */
export default defineHandler('reportHealth', async ({ report }, { services }) => {
  const adapters = await adaptersForUrl(services.db, report.pageUrl);
  if (!adapters.some((a) => a.id === report.adapterId && a.version === report.adapterVersion)) {
    throw new Error(`adapter "${report.adapterId}" v${report.adapterVersion} does not run on that page`);
  }
  await recordHealth(services.db, report);
  const api = await services.currentApi();
  if (api) void flushHealth(services.db, api).catch(() => undefined); // retried on the next sync
});
