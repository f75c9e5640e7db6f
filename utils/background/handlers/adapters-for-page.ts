import { adaptersForUrl } from '../../adapters/registry';
import { surveySites } from '../../surveys/survey-offers';
import { defineHandler } from '../services';

/** The enabled adapters whose patterns match the sender's page, and the sites there an open survey may target. */
export default defineHandler('adaptersForPage', async ({ url }, { services }) => {
  // Built-in adapters are inputs; the router's parse of the answer applies their defaults.
  const adapters = await adaptersForUrl(services.db, url);
  const sites = await surveySites(
    services.db,
    adapters.map((adapter) => adapter.site),
    new Date(),
  );
  return sites.length > 0 ? { adapters, surveySites: sites } : { adapters };
});
