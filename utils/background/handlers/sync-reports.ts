import { reportSync } from '../sync';
import { defineHandler } from '../services';

/** Runs report sync now, or joins the run in flight, and says what it did. */
export default defineHandler('syncReports', async (_request, { services }) => {
  const summary = await reportSync(services.db).syncNow();
  if (!summary) {
    return { signedIn: false, created: 0, duplicate: 0, rejected: 0, changed: 0, stoppedBy: null, pullError: null };
  }
  const { created, duplicate, rejected, stoppedBy, pullError, changes } = summary;
  return { signedIn: true, created, duplicate, rejected, changed: changes.length, stoppedBy, pullError };
});
