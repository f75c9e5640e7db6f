import { adaptersForUrl } from '../../adapters/registry';
import { defineHandler } from '../services';

/** The enabled adapters whose patterns match the sender's page. */
export default defineHandler('adaptersForPage', async ({ url }, { services }) => ({
  // Built-in adapters are inputs; the router's parse of the answer applies their defaults.
  adapters: await adaptersForUrl(services.db, url),
}));
