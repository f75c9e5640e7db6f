import { readAuth } from '../../settings';
import { defineHandler } from '../services';

/** The signed-in person's own accuracy, in the browser's time zone; refused when signed out. */
export default defineHandler('myQuality', async ({ weeks }, { services }) => {
  const [api, auth] = await Promise.all([services.currentApi(), readAuth()]);
  if (!api || !auth) throw new Error('Sign in to see your quality.');
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return api.quality(auth.user.id, weeks, tz);
});
