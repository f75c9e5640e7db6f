import { SiteAdapter } from '../../../contract';
import { adaptersForUrl } from '../../adapters/registry';
import { defineHandler } from '../services';

/** The enabled adapters whose patterns match the sender's page. */
export default defineHandler('adaptersForPage', async ({ url }, { services }) => ({
  // Built-in adapters are inputs; the table answers parsed adapters, defaults applied.
  adapters: (await adaptersForUrl(services.db, url)).map((adapter) => SiteAdapter.parse(adapter)),
}));
